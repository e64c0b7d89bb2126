namespace CollectorLb.DevServices.Registry;

internal static partial class RegistryLog
{
    [LoggerMessage(1, LogLevel.Information, "registry: listening on {Url}")] public static partial void Listening(ILogger logger, string url);
    [LoggerMessage(2, LogLevel.Information, "registry: {Method} {Path}{Detail} -> {StatusCode}")] public static partial void Request(ILogger logger, string method, string path, string detail, int statusCode);
    [LoggerMessage(3, LogLevel.Warning, "registry: dropped {Name} ({Url}): ping failed: {Reason}")] public static partial void Dropped(ILogger logger, string name, string url, string reason);
    [LoggerMessage(4, LogLevel.Error, "registry: ping round failed")] public static partial void PingRoundFailed(ILogger logger, Exception exception);
    [LoggerMessage(5, LogLevel.Error, "registry: {Method} {Path} failed")] public static partial void RequestFailed(ILogger logger, string method, string path, Exception exception);
}
