using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace CollectorLb.DevServices;

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
    private Task _loop = Task.CompletedTask;
    private bool _registered;
    private string? _lastFailure;

    public ConnectorRegistration(string registryUrl, string name, string url, TimeSpan updateInterval, ILogger logger)
    {
        _registryUrl = registryUrl.TrimEnd('/');
        _name = name;
        _url = url;
        _updateInterval = updateInterval;
        _logger = logger;
    }

    /// <summary>Registers once (a failure is only logged) and starts the update loop.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        _registered = await TryCallAsync("register", includeUrl: true, ct).ConfigureAwait(false);
        _loop = LoopAsync(_stopping.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        if (await TryCallAsync("unregister", includeUrl: false, CancellationToken.None).ConfigureAwait(false))
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
                var delay = _registered ? _updateInterval : (_updateInterval < MaxRetryDelay ? _updateInterval : MaxRetryDelay);
                await Task.Delay(delay, ct).ConfigureAwait(false);
                _registered = await TryCallAsync(_registered ? "update" : "register", includeUrl: true, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task<bool> TryCallAsync(string action, bool includeUrl, CancellationToken ct)
    {
        string? failure;
        try
        {
            failure = await CallAsync(action, includeUrl, ct).ConfigureAwait(false);
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
    private async Task<string?> CallAsync(string action, bool includeUrl, CancellationToken ct)
    {
        var body = includeUrl
            ? JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["name"] = _name, ["url"] = _url })
            : JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["name"] = _name });
        using var content = new ByteArrayContent(body);
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
                result = document.RootElement.TryGetProperty("result", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
                message = document.RootElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
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
