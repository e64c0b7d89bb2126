namespace CollectorLb.DevServices.Connector;

internal static partial class ConnectorLog
{
    [LoggerMessage(1, LogLevel.Information, "connector {Name}: listening on {Url}, storing into {Directory}")] public static partial void Listening(ILogger logger, string name, string url, string directory);
    [LoggerMessage(2, LogLevel.Information, "connector {Name}: received {FileName} ({Length} bytes) -> {StatusCode}")] public static partial void Received(ILogger logger, string name, string fileName, long length, int statusCode);
    [LoggerMessage(3, LogLevel.Information, "connector {Name}: {FileName} -> {StatusCode} ({Reason})")] public static partial void Answered(ILogger logger, string name, string fileName, int statusCode, string reason);
    [LoggerMessage(4, LogLevel.Information, "connector {Name}: {FileName} -> no answer ({Reason})")] public static partial void NotAnswered(ILogger logger, string name, string fileName, string reason);
    [LoggerMessage(5, LogLevel.Information, "connector {Name}: registered with {RegistryUrl} as {Url}")] public static partial void Registered(ILogger logger, string name, string registryUrl, string url);
    [LoggerMessage(6, LogLevel.Warning, "connector {Name}: {Action} at {RegistryUrl} failed: {Reason}")] public static partial void RegistryCallFailed(ILogger logger, string name, string action, string registryUrl, string reason);
    [LoggerMessage(7, LogLevel.Information, "connector {Name}: unregistered from {RegistryUrl}")] public static partial void Unregistered(ILogger logger, string name, string registryUrl);
    [LoggerMessage(8, LogLevel.Error, "connector {Name}: OnReceived callback failed")] public static partial void CallbackFailed(ILogger logger, string name, Exception exception);
    [LoggerMessage(9, LogLevel.Error, "connector {Name}: {FileName} failed")] public static partial void RequestFailed(ILogger logger, string name, string fileName, Exception exception);
}
