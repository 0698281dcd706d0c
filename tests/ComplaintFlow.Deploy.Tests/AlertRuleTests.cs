using System.Text.RegularExpressions;

namespace ComplaintFlow.Deploy.Tests;

/// <summary>
/// The on-call alerts (issue 19) page someone only if they query what the app really emits: each metric an alert
/// reads is a gauge the app declares, each queue it names is a stage queue or its poison queue, and every rule
/// notifies the one action group whose email is a deployment parameter.
/// </summary>
public sealed partial class AlertRuleTests
{
    private static readonly string Monitoring = Repository.Read("infra-bicep", "modules", "monitoring.bicep");

    [Fact]
    public void Every_metric_an_alert_queries_is_one_the_app_emits()
    {
        var telemetry = Repository.Read("functions", "ComplaintFlow.Functions", "Telemetry.cs");
        var emitted = MetricConstant().Matches(telemetry).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);
        var queried = QueriedMetric().Matches(Monitoring).Select(m => m.Groups["name"].Value).Distinct().ToList();

        Assert.Equal(["complaintflow.deadlines.overdue", "complaintflow.queue.length", "complaintflow.queue.oldest_age"], queried.Order(StringComparer.Ordinal));
        Assert.All(queried, name => Assert.Contains(name, emitted));
    }

    [Fact]
    public void Every_queue_an_alert_names_is_a_stage_queue_and_poison_is_watched_on_all_of_them()
    {
        var queues = AppSource.NameConstants("QueueNames");
        var named = QueriedQueue().Matches(Monitoring).Select(m => m.Groups["queue"].Value).ToList();

        Assert.Equal(["complaints-intake", "notifications"], named.Order(StringComparer.Ordinal));
        Assert.All(named, queue => Assert.Contains(queue, queues));
        Assert.Contains("tostring(Properties.queue) endswith \"-poison\"", Monitoring, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_alert_rule_notifies_the_on_call_action_group_whose_email_is_a_parameter()
    {
        var rules = Regex.Matches(Monitoring, @"^resource \w+ 'Microsoft\.Insights/scheduledQueryRules@", RegexOptions.Multiline).Count;
        var notifying = Regex.Matches(Monitoring, @"actions: \{ actionGroups: \[onCall\.id\] \}").Count;

        Assert.Equal(2, rules);
        Assert.Equal(rules, notifying);
        Assert.Contains("emailAddress: alertEmail", Monitoring, StringComparison.Ordinal);
        Assert.Contains("alertEmail: alertEmail", Repository.Read("infra-bicep", "main.bicep"), StringComparison.Ordinal);
        Assert.Matches(@"param alertEmail = readEnvironmentVariable\('COMPLAINTFLOW_ALERT_EMAIL'", Repository.Read("infra-bicep", "main.bicepparam"));
    }

    [GeneratedRegex("const string \\w+Metric = \"(?<name>complaintflow\\.[a-z_.]+)\"")]
    private static partial Regex MetricConstant();

    [GeneratedRegex("Name == \"(?<name>complaintflow\\.[a-z_.]+)\"")]
    private static partial Regex QueriedMetric();

    [GeneratedRegex("tostring\\(Properties\\.queue\\) == \"(?<queue>[a-z-]+)\"")]
    private static partial Regex QueriedQueue();
}
