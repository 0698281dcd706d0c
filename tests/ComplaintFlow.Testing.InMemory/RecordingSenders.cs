using ComplaintFlow.Core.Notify;

namespace ComplaintFlow.Testing.InMemory;

/// <summary>What a provider accepted, and a way to make it refuse the next calls (as a 5xx or a timeout would).</summary>
public abstract class RecordingSender<T>
{
    private readonly Lock _gate = new();
    private readonly List<T> _sent = [];
    private readonly Queue<Exception> _failures = new();
    private int _ids;

    public IReadOnlyList<T> Sent
    {
        get
        {
            lock (_gate)
            {
                return [.. _sent];
            }
        }
    }

    /// <summary>Runs after the provider has taken a message (before the caller hears back), e.g. to take storage down then.</summary>
    public Action<T>? Accepted { get; set; }

    /// <summary>The next calls throw these, in order, without recording anything.</summary>
    public void FailNext(params Exception[] failures)
    {
        lock (_gate)
        {
            foreach (var failure in failures)
            {
                _failures.Enqueue(failure);
            }
        }
    }

    protected Task<string?> AcceptAsync(T message, string prefix)
    {
        lock (_gate)
        {
            if (_failures.TryDequeue(out var failure))
            {
                throw failure;
            }

            _sent.Add(message);
        }

        Accepted?.Invoke(message);
        lock (_gate)
        {
            return Task.FromResult<string?>($"{prefix}{++_ids:D4}");
        }
    }
}

public sealed class RecordingEmailSender : RecordingSender<EmailMessage>, IEmailSender
{
    public Task<string?> SendAsync(EmailMessage message, CancellationToken cancellationToken) => AcceptAsync(message, "sg-");
}

public sealed class RecordingSmsSender : RecordingSender<SmsMessage>, ISmsSender
{
    public Task<string?> SendAsync(SmsMessage message, CancellationToken cancellationToken) => AcceptAsync(message, "SM");
}
