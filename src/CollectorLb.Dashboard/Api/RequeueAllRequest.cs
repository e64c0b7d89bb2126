namespace CollectorLb.Dashboard.Api;

/// <summary>
/// Body of <c>POST /api/requeue-all</c>: the filter the quarantine list shows (host, reason text; empty for all) and,
/// after the first round, the previous answer's continuation.
/// </summary>
internal sealed record RequeueAllRequest(string? Host, string? Reason, string? Continuation);
