using System.Text.Unicode;
using CollectorLb.DevServices.Hosting;

namespace CollectorLb.DevServices.Registry;

/// <summary>
/// In-process stand-in for the Registry Service: an in-memory map of connector name -> base URL, served over
/// HTTP/JSON exactly as the real one, with a ping loop that drops connectors that do not answer pong.
/// </summary>
public sealed class RegistryServer : IAsyncDisposable
{
    private const int MaxRequestBodyBytes = 1024 * 1024;
    private const int MaxPingBodyBytes = 64 * 1024;

    private readonly RegistryServerOptions _options;
    private readonly ILogger _logger;
    private readonly RegistryTable _table = new();
    private readonly HttpClient _pingClient;
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;
    private Task _pingLoop = Task.CompletedTask;
    private int _behavior;
    private int _disposed;

    private RegistryServer(RegistryServerOptions options)
    {
        _options = options;
        _logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<RegistryServer>();
        _behavior = (int)options.Behavior;
        _pingClient = new HttpClient(new SocketsHttpHandler
        {
            ConnectTimeout = options.PingTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        })
        {
            // Each ping carries its own deadline.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        Url = string.Empty;
    }

    /// <summary>Base URL, e.g. <c>http://127.0.0.1:5000</c> (no trailing slash in <see cref="Url"/>).</summary>
    public Uri BaseUrl => new(Url);

    /// <summary>Base URL as text without a trailing slash, e.g. <c>http://127.0.0.1:5000</c>.</summary>
    public string Url { get; private set; }

    /// <summary>The bound TCP port.</summary>
    public int Port { get; private set; }

    /// <summary>Snapshot of the map in registration order.</summary>
    public IReadOnlyDictionary<string, string> Services => _table.Snapshot();

    /// <summary>How the server answers; may be changed while it runs.</summary>
    public RegistryBehavior Behavior
    {
        get => (RegistryBehavior)Volatile.Read(ref _behavior);
        set => Volatile.Write(ref _behavior, (int)value);
    }

    /// <summary>Starts a registry listening on <see cref="RegistryServerOptions.Host"/>:<see cref="RegistryServerOptions.Port"/>.</summary>
    public static async Task<RegistryServer> StartAsync(RegistryServerOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var pingInterval = options.PingInterval;
        if (pingInterval < TimeSpan.Zero && pingInterval != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "PingInterval must be positive, zero or infinite");
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.PingTimeout, TimeSpan.Zero, nameof(options.PingTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SlowDelay, TimeSpan.Zero, nameof(options.SlowDelay));
        var address = ListenEndpoint.ParseHost(options.Host);

        var server = new RegistryServer(options);
        try
        {
            (server._app, server.Port, server.Url) = await DevWebHost.StartAsync(
                "CollectorLb.DevServices.Registry", address, options.Port, options.LoggerFactory, server.HandleAsync, ct).ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        if (pingInterval > TimeSpan.Zero)
        {
            server._pingLoop = server.PingLoopAsync(pingInterval, server._stopping.Token);
        }

        RegistryLog.Listening(server._logger, server.Url);
        return server;
    }

    /// <summary>Adds or replaces an entry, as <c>POST /register</c> does.</summary>
    public void Register(string name, string url)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (ValidateUrl(url) is { } error)
        {
            throw new ArgumentException(error, nameof(url));
        }

        _table.Set(name, url);
    }

    /// <summary>Removes an entry; false when it was not there.</summary>
    public bool Unregister(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _table.Remove(name);
    }

    /// <summary>Pings every connector once now and drops those that do not answer pong; returns how many were dropped.</summary>
    public async Task<int> PingAllAsync(CancellationToken ct = default)
    {
        var entries = _table.Entries();
        var failures = await Task.WhenAll(entries.Select(e => PingAsync(e.Value, ct))).ConfigureAwait(false);
        var dropped = 0;
        for (var i = 0; i < entries.Length; i++)
        {
            if (failures[i] is { } reason && _table.RemoveIfUnchanged(entries[i].Key, entries[i].Value))
            {
                dropped++;
                RegistryLog.Dropped(_logger, LogText.Escape(entries[i].Key), entries[i].Value, reason);
            }
        }

        return dropped;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _pingLoop.ConfigureAwait(false);
        if (_app is not null)
        {
            await DevWebHost.StopAsync(_app).ConfigureAwait(false);
        }

        _pingClient.Dispose();
        _stopping.Dispose();
    }

    private static string? ValidateUrl(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return "missing or empty 'url'";
        }

        if (!HttpUrl.IsAbsolute(url))
        {
            return "'url' must be an absolute http(s) URL";
        }

        return null;
    }

    private async Task PingLoopAsync(TimeSpan interval, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                try
                {
                    await PingAllAsync(ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    RegistryLog.PingRoundFailed(_logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Disposed.
        }
    }

    /// <summary>Returns why the connector at <paramref name="baseUrl"/> counts as dead, or null when it answered pong.</summary>
    private async Task<string?> PingAsync(string baseUrl, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.PingTimeout);
        try
        {
            using var response = await _pingClient.GetAsync(
                baseUrl.TrimEnd('/') + "/ping", HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return "HTTP " + ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            }

            var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var body = await ReadLimitedAsync(stream, MaxPingBodyBytes, timeout.Token).ConfigureAwait(false);
                if (body is null)
                {
                    return "answer too large";
                }

                using var document = JsonDocument.Parse(body);
                var root = document.RootElement;
                var isPong = root.ValueKind == JsonValueKind.Object && root.GetStringOrNull("result") == "success" && root.GetStringOrNull("ping") == "pong";
                return isPong ? null : "answer is not {\"result\":\"success\",\"ping\":\"pong\"}";
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return "no answer within " + _options.PingTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s";
        }
        catch (HttpRequestException ex)
        {
            return ex.Message;
        }
        catch (JsonException)
        {
            return "answer is not JSON";
        }
        catch (IOException ex)
        {
            return ex.Message;
        }
    }

    private static async Task<byte[]?> ReadLimitedAsync(Stream stream, int limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var method = request.Method;
        var path = request.Path.Value ?? "/";
        var detail = string.Empty;
        try
        {
            var behavior = Behavior;
            switch (behavior)
            {
                case RegistryBehavior.Fail500:
                    await JsonReply.ErrorAsync(context, StatusCodes.Status500InternalServerError, "simulated internal server error").ConfigureAwait(false);
                    break;
                case RegistryBehavior.NotJson:
                    await JsonReply.TextAsync(context, StatusCodes.Status200OK, "text/html", "<html>oops</html>").ConfigureAwait(false);
                    break;
                case RegistryBehavior.Slow:
                    await Task.Delay(_options.SlowDelay, context.RequestAborted).ConfigureAwait(false);
                    detail = await RouteAsync(context, behavior).ConfigureAwait(false);
                    break;
                default:
                    detail = await RouteAsync(context, behavior).ConfigureAwait(false);
                    break;
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            detail = " (client went away)";
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            RegistryLog.RequestFailed(_logger, method, path, ex);
            await JsonReply.ErrorAsync(context, StatusCodes.Status500InternalServerError, "internal error: " + ex.Message).ConfigureAwait(false);
        }

        RegistryLog.Request(_logger, method, LogText.Escape(path), detail, context.Response.StatusCode);
    }

    /// <summary>Answers one request by route; returns a detail for the log line.</summary>
    private async Task<string> RouteAsync(HttpContext context, RegistryBehavior behavior)
    {
        var method = context.Request.Method;
        switch (context.Request.Path.Value)
        {
            case "/register" when HttpMethods.IsPost(method):
            case "/update" when HttpMethods.IsPost(method):
                return await HandleRegisterAsync(context).ConfigureAwait(false);
            case "/unregister" when HttpMethods.IsPost(method):
                return await HandleUnregisterAsync(context).ConfigureAwait(false);
            case "/target" when HttpMethods.IsGet(method):
                if (behavior != RegistryBehavior.Empty && _table.TryNext(out var name, out var url))
                {
                    await JsonReply.WriteAsync(context, StatusCodes.Status200OK, w =>
                    {
                        w.WriteString("result", "success");
                        w.WriteString("name", name);
                        w.WriteString("url", url + "/convert");
                    }).ConfigureAwait(false);
                    return " " + LogText.Escape(name);
                }

                await JsonReply.ErrorAsync(context, StatusCodes.Status400BadRequest, "Not available service").ConfigureAwait(false);
                return string.Empty;
            case "/services" when HttpMethods.IsGet(method) && behavior != RegistryBehavior.ServicesNotServed:
                await WriteServicesAsync(context, behavior).ConfigureAwait(false);
                return string.Empty;
            case "/register" or "/update" or "/unregister" or "/target":
            case "/services" when behavior != RegistryBehavior.ServicesNotServed:
                await JsonReply.ErrorAsync(context, StatusCodes.Status405MethodNotAllowed, "method not allowed").ConfigureAwait(false);
                return string.Empty;
            default:
                // What a web framework answers for a route it does not have.
                await JsonReply.TextAsync(context, StatusCodes.Status404NotFound, "text/html", "<!doctype html>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n").ConfigureAwait(false);
                return string.Empty;
        }
    }

    private async Task<string> HandleRegisterAsync(HttpContext context)
    {
        var (name, url, error) = await ReadEntryAsync(context, requireUrl: true).ConfigureAwait(false);
        if (error is not null)
        {
            await JsonReply.ErrorAsync(context, StatusCodes.Status400BadRequest, error).ConfigureAwait(false);
            return " (" + error + ")";
        }

        _table.Set(name!, url!);
        await JsonReply.SuccessAsync(context).ConfigureAwait(false);
        return " " + LogText.Escape(name!) + " " + LogText.Escape(url!);
    }

    private async Task<string> HandleUnregisterAsync(HttpContext context)
    {
        var (name, _, error) = await ReadEntryAsync(context, requireUrl: false).ConfigureAwait(false);
        if (error is not null)
        {
            await JsonReply.ErrorAsync(context, StatusCodes.Status400BadRequest, error).ConfigureAwait(false);
            return " (" + error + ")";
        }

        // Unregistering an unknown name is not an error: the caller's goal (not listed) holds.
        var removed = _table.Remove(name!);
        await JsonReply.SuccessAsync(context).ConfigureAwait(false);
        return " " + LogText.Escape(name!) + (removed ? string.Empty : " (was not registered)");
    }

    private static async Task<(string? Name, string? Url, string? Error)> ReadEntryAsync(HttpContext context, bool requireUrl)
    {
        var body = await ReadLimitedAsync(context.Request.Body, MaxRequestBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return (null, null, "request body too large");
        }

        if (body.Length == 0)
        {
            return (null, null, "empty request body, expected a JSON object");
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null, "request body must be a JSON object");
            }

            var name = root.GetStringOrNull("name");
            if (string.IsNullOrEmpty(name))
            {
                return (null, null, "missing or empty 'name'");
            }

            if (!requireUrl)
            {
                return (name, null, null);
            }

            var url = root.GetStringOrNull("url");
            return ValidateUrl(url) is { } urlError ? (null, null, urlError) : (name, url, null);
        }
        catch (JsonException)
        {
            return (null, null, "invalid JSON body");
        }
    }

    private async Task WriteServicesAsync(HttpContext context, RegistryBehavior behavior)
    {
        if (behavior == RegistryBehavior.HugeBody)
        {
            await WriteHugeServicesAsync(context).ConfigureAwait(false);
            return;
        }

        var entries = behavior == RegistryBehavior.Empty ? [] : _table.Entries();
        await JsonReply.WriteAsync(context, StatusCodes.Status200OK, w =>
        {
            foreach (var (name, url) in entries)
            {
                w.WriteString(name, url);
            }
        }).ConfigureAwait(false);
    }

    /// <summary>Streams a valid map of made-up connectors, so clients' response size limits get exercised.</summary>
    private async Task WriteHugeServicesAsync(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        var ct = context.RequestAborted;
        var buffer = new byte[64 * 1024];
        var used = 0;
        long written = 0;
        buffer[used++] = (byte)'{';
        for (var i = 0; written + used < _options.HugeBodyBytes; i++)
        {
            var separator = i == 0 ? string.Empty : ",";
            if (!Utf8.TryWrite(
                    buffer.AsSpan(used),
                    CultureInfo.InvariantCulture,
                    $"{separator}\"netflow-source-connector-{i:D7}\":\"http://10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}:7000\"",
                    out var entryBytes))
            {
                await response.Body.WriteAsync(buffer.AsMemory(0, used), ct).ConfigureAwait(false);
                written += used;
                used = 0;
                i--;
                continue;
            }

            used += entryBytes;
        }

        buffer[used++] = (byte)'}';
        await response.Body.WriteAsync(buffer.AsMemory(0, used), ct).ConfigureAwait(false);
    }
}
