using System.Net.Http.Headers;
using CollectorLb.DevServices.Hosting;

namespace CollectorLb.DevServices.Connector;

/// <summary>
/// Keeps a connector listed in a registry like the real connector does: register at start, update periodically
/// (which also re-registers after the registry forgot it), unregister at stop. Failures are logged and retried.
/// </summary>
internal sealed class ConnectorRegistration : IAsyncDisposable
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(2);

    private readonly string _registryUrl;
    private readonly string _name;
    private readonly string _url;
    private readonly TimeSpan _updateInterval;
    private readonly ILogger _logger;
    private readonly HttpClient _http = new() { Timeout = CallTimeout };
    private readonly CancellationTokenSource _stopping = new();

    // Name and URL never change, so the request bodies are built once.
    private readonly byte[] _entryBody;
    private readonly byte[] _nameBody;
    private Task _loop = Task.CompletedTask;
    private string? _lastFailure;

    public ConnectorRegistration(string registryUrl, string name, string url, TimeSpan updateInterval, ILogger logger)
    {
        _registryUrl = registryUrl.TrimEnd('/');
        _name = name;
        _url = url;
        _updateInterval = updateInterval;
        _logger = logger;
        _entryBody = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["name"] = name, ["url"] = url });
        _nameBody = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["name"] = name });
    }

    /// <summary>Whether the last register or update call succeeded.</summary>
    private bool Registered => _lastFailure is null;

    /// <summary>Registers once (a failure is only logged) and starts the update loop.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        await TryCallAsync("register", ct).ConfigureAwait(false);
        _loop = LoopAsync(_stopping.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        if (await TryCallAsync("unregister", CancellationToken.None).ConfigureAwait(false))
        {
            ConnectorLog.Unregistered(_logger, _name, _registryUrl);
        }

        _http.Dispose();
        _stopping.Dispose();
    }

    private async Task LoopAsync(CancellationToken ct)
    {
        try
        {
            while (true)
            {
                var delay = Registered ? _updateInterval : (_updateInterval < MaxRetryDelay ? _updateInterval : MaxRetryDelay);
                await Task.Delay(delay, ct).ConfigureAwait(false);
                await TryCallAsync(Registered ? "update" : "register", ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task<bool> TryCallAsync(string action, CancellationToken ct)
    {
        string? failure;
        try
        {
            failure = await CallAsync(action, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            failure = "no answer within " + CallTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s";
        }
        catch (HttpRequestException ex)
        {
            failure = ex.Message;
        }

        if (failure is null)
        {
            if (action != "unregister" && (_lastFailure is not null || action == "register"))
            {
                ConnectorLog.Registered(_logger, _name, _registryUrl, _url);
            }

            _lastFailure = null;
            return true;
        }

        // Log each distinct failure once, so a registry that is down does not flood the log every retry.
        if (action == "unregister" || failure != _lastFailure)
        {
            ConnectorLog.RegistryCallFailed(_logger, _name, action, _registryUrl, failure);
        }

        _lastFailure = failure;
        return false;
    }

    /// <summary>Returns null on <c>{"result":"success"}</c>, otherwise why the call failed.</summary>
    private async Task<string?> CallAsync(string action, CancellationToken ct)
    {
        using var content = new ByteArrayContent(action == "unregister" ? _nameBody : _entryBody);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _http.PostAsync(_registryUrl + "/" + action, content, ct).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        string? result = null;
        string? message = null;
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                result = document.RootElement.GetStringOrNull("result");
                message = document.RootElement.GetStringOrNull("message");
            }
        }
        catch (JsonException)
        {
            return "HTTP " + ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture) + " with a non-JSON answer";
        }

        if (response.StatusCode == HttpStatusCode.OK && result == "success")
        {
            return null;
        }

        return "HTTP " + ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture) + (message is null ? string.Empty : ": " + message);
    }
}
