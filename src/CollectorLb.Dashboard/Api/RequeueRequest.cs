namespace CollectorLb.Dashboard.Api;

/// <summary>Body of <c>POST /api/requeue</c>: a file key (<c>host/claim/name</c>) or a unique file name.</summary>
internal sealed record RequeueRequest(string? File);
