using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Intake.Email;

namespace ComplaintFlow.Functions.Intake;

/// <summary>
/// <c>ComplaintFlow.Functions explain-email &lt;file.eml|dir&gt;...</c>: the app in a one-shot mode that reads .eml
/// files and prints, one JSON line per file, what the inbound email webhook would do with each if SendGrid posted
/// it in raw mode: the same parser, classifier and validation (<see cref="InboundEmailIntake.ExplainAsync"/>), with
/// the app's settings. It writes nothing; it reads the store only to know whether a replied-to complaint exists.
/// <c>scripts/explain-email</c> runs it. The output holds what the mail says: it is for staff, never for logs.
/// </summary>
public static class ExplainEmailCommand
{
    public const string Verb = "explain-email";

    private const string StorageUnreachable = "storage-unreachable";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never,

        // Chinese and accented text stays readable in a terminal; the output is not embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == Verb;

    /// <returns>0 when every file was read, 2 on a usage error or a path that does not exist.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output, IConfiguration? configuration = null)
    {
        var paths = args.Skip(1).ToList();
        if (paths.Count == 0 || paths.Any(p => !File.Exists(p) && !Directory.Exists(p)))
        {
            await output.WriteLineAsync($"Usage: {Verb} <file.eml|directory>... (directories are searched for *.eml)");
            return 2;
        }

        configuration ??= new ConfigurationBuilder().AddEnvironmentVariables().AddLocalSettings().Build();
        await using var services = ComplaintFlowApp.BuildServices(configuration);
        var parser = services.GetRequiredService<InboundEmailParser>();
        var intake = services.GetRequiredService<InboundEmailIntake>();
        var classifier = services.GetRequiredService<InboundEmailClassifier>();
        var storageUnreachable = false;
        var files = paths.SelectMany(p => Directory.Exists(p)
            ? Directory.EnumerateFiles(p, "*.eml", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            : (IEnumerable<string>)[p]);
        foreach (var file in files)
        {
            JsonObject line;
            try
            {
                line = await ExplainAsync(file, parser, intake, email => storageUnreachable && classifier.Classify(email).Action == InboundEmailAction.Reply);
            }
            catch (Exception e) when (e is global::Azure.RequestFailedException or AggregateException or HttpRequestException)
            {
                // Only a reply reads the store (does its complaint exist?). Without storage its outcome is unknown;
                // later replies are not tried again, so a directory is still explained in seconds.
                storageUnreachable = true;
                line = Line(file, EmailExplanationView.Unknown(StorageUnreachable));
            }

            await output.WriteLineAsync(line.ToJsonString(Json));
        }

        return 0;
    }

    /// <summary>One line: the file, then the explanation's fields in their order.</summary>
    private static JsonObject Line(string file, EmailExplanationView view)
    {
        var line = new JsonObject { ["file"] = file };
        foreach (var (name, value) in JsonSerializer.SerializeToNode(view, Json)!.AsObject().ToList())
        {
            line[name] = value?.DeepClone();
        }

        return line;
    }

    private static async Task<JsonObject> ExplainAsync(string file, InboundEmailParser parser, InboundEmailIntake intake, Func<InboundEmail, bool> needsUnreachableStore)
    {
        var form = new MultipartForm(new Dictionary<string, ReadOnlyMemory<byte>> { ["email"] = await File.ReadAllBytesAsync(file) }, []);
        InboundEmail email;
        try
        {
            email = parser.Parse(form);
        }
        catch (InboundPayloadException e)
        {
            // The webhook's 400: the post is not a message at all.
            return Line(file, EmailExplanationView.Refused(e.Field));
        }

        return needsUnreachableStore(email)
            ? Line(file, EmailExplanationView.Unknown(StorageUnreachable))
            : Line(file, EmailExplanationView.Of(email, await intake.ExplainAsync(email, CancellationToken.None)));
    }
}
