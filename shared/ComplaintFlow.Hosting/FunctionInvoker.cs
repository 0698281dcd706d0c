using Microsoft.Azure.WebJobs.Script.Grpc.Messages;

namespace ComplaintFlow.Hosting;

/// <summary>
/// Sends an invocation of the named function to the current worker (waiting while a crashed one restarts) and
/// returns its response; throws <see cref="WorkerExitedException"/> when the worker dies before it answers.
/// </summary>
internal delegate Task<InvocationResponse> FunctionInvoker(string functionName, InvocationRequest request, CancellationToken cancellationToken);
