using ComplaintFlow.Core.Complaints;
using NetArchTest.Rules;

namespace ComplaintFlow.Core.Tests;

/// <summary>
/// The stages depend on each other one way, read from the compiled assembly (signatures and method bodies alike):
/// the <c>Complaints</c> kernel on none, Notify on the kernel, Deadlines on Notify (its sweep asks for notices),
/// Triage on Deadlines (it plans the clocks), Intake on Triage's kernel types only, and the Desk on any.
/// </summary>
public sealed class StageDependencyTests
{
    private const string Root = "ComplaintFlow.Core.";

    /// <summary>Lowest first: each stage may use only the stages before it.</summary>
    private static readonly string[] Layers = ["Complaints", "Poison", "Notify", "Deadlines", "Triage", "Intake", "Desk"];

    public static TheoryData<string> Stages => [.. Layers];

    [Theory]
    [MemberData(nameof(Stages))]
    public void A_stage_uses_only_the_stages_below_it(string stage)
    {
        var above = Layers.SkipWhile(l => l != stage).Skip(1).Select(l => Root + l).ToArray();
        if (above.Length == 0)
        {
            return;
        }

        var result = Types.InAssembly(typeof(Complaint).Assembly)
            .That().ResideInNamespace(Root + stage)
            .ShouldNot().HaveDependencyOnAny(above)
            .GetResult();

        Assert.True(result.IsSuccessful,
            $"{stage} depends on a stage above it:\n" + string.Join("\n", (result.FailingTypes ?? []).Select(t => $"{t.FullName}: {t.Explanation}")));
    }

    [Fact]
    public void Every_namespace_in_core_is_a_stage_or_the_root()
    {
        var namespaces = typeof(Complaint).Assembly.GetTypes()
            .Select(t => t.Namespace)
            .OfType<string>()
            .Where(n => n.StartsWith("ComplaintFlow.Core", StringComparison.Ordinal) && n != "ComplaintFlow.Core")
            .Select(n => n[Root.Length..].Split('.')[0])
            .Distinct()
            .Order()
            .ToList();

        Assert.Equal(Layers.Order(), namespaces);
    }

    [Fact]
    public void The_rule_sees_a_dependency_it_forbids()
    {
        // The check itself can fail: the desk uses Notify, so "the desk uses nothing above the kernel" is caught.
        var result = Types.InAssembly(typeof(Complaint).Assembly)
            .That().ResideInNamespace(Root + "Desk")
            .ShouldNot().HaveDependencyOnAny(Root + "Notify")
            .GetResult();

        Assert.False(result.IsSuccessful);
    }
}
