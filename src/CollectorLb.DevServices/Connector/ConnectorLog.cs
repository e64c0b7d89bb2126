using Microsoft.Extensions.Logging;

namespace CollectorLb.DevServices.Connector;

internal static partial class ConnectorLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "connector {Name}: listening on {Url}, storing into {Directory}")]
    public static partial void Listening(ILogger logger, string name, string url, string directory);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "connector {Name}: received {FileName} ({Length} bytes) -> {StatusCode}")]
    public static partial void Received(ILogger logger, string name, string fileName, long length, int statusCode);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "connector {Name}: {FileName} -> {StatusCode} ({Reason})")]
    public static partial void Answered(ILogger logger, string name, string fileName, int statusCode, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "connector {Name}: {FileName} -> no answer ({Reason})")]
    public static partial void NotAnswered(ILogger logger, string name, string fileName, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "connector {Name}: registered with {RegistryUrl} as {Url}")]
    public static partial void Registered(ILogger logger, string name, string registryUrl, string url);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "connector {Name}: {Action} at {RegistryUrl} failed: {Reason}")]
    public static partial void RegistryCallFailed(ILogger logger, string name, string action, string registryUrl, string reason);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "connector {Name}: unregistered from {RegistryUrl}")]
    public static partial void Unregistered(ILogger logger, string name, string registryUrl);

    [LoggerMessage(EventId = 8, Level = LogLevel.Error, Message = "connector {Name}: OnReceived callback failed")]
    public static partial void CallbackFailed(ILogger logger, string name, Exception exception);

    [LoggerMessage(EventId = 9, Level = LogLevel.Error, Message = "connector {Name}: {FileName} failed")]
    public static partial void RequestFailed(ILogger logger, string name, string fileName, Exception exception);
}
