using System.Buffers;
using System.Security.Cryptography;
using CollectorLb.DevServices.Hosting;

namespace CollectorLb.DevServices.Connector;

/// <summary>
/// In-process stand-in for a NetFlow source connector: <c>POST /convert?filename=NAME</c> stores the raw body under
/// NAME in <see cref="ConnectorServerOptions.OutputDirectory"/>, <c>GET /ping</c> answers pong. It records what it
/// received for assertions and can misbehave on purpose (<see cref="Mode"/>, <see cref="FailureRate"/>).
/// </summary>
public sealed class ConnectorServer : IAsyncDisposable
{
    private const int CopyBufferBytes = 128 * 1024;

    private readonly ConnectorServerOptions _options;
    private readonly ILogger _logger;
    private readonly string _outputDirectory;
    private readonly ReceivedFileLog _received = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _randomLock = new();
    private readonly Random _random;
    private readonly SemaphoreSlim? _workers;
    private WebApplication? _app;
    private ConnectorRegistration? _registration;
    private int _mode;
    private long _delayTicks;
    private double _failureRate;
    private int _requestCount;
    private int _inFlight;
    private int _disposed;

    private ConnectorServer(ConnectorServerOptions options, string outputDirectory)
    {
        _options = options;
        _outputDirectory = outputDirectory;
        _logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<ConnectorServer>();
        _random = options.Random ?? Random.Shared;
        _mode = (int)options.Mode;
        _delayTicks = options.Delay.Ticks;
        _failureRate = options.FailureRate;
        _workers = options.Workers > 0 ? new SemaphoreSlim(options.Workers) : null;
        Name = options.Name;
        Url = string.Empty;
    }

    /// <summary>The connector's name.</summary>
    public string Name { get; }

    /// <summary>Base URL without trailing slash, e.g. <c>http://127.0.0.1:7000</c>.</summary>
    public string Url { get; private set; }

    /// <summary>The bound TCP port.</summary>
    public int Port { get; private set; }

    /// <summary>Full path of the folder files are stored in.</summary>
    public string OutputDirectory => _outputDirectory;

    /// <summary>How <c>/convert</c> is answered; may be changed while running.</summary>
    public ConnectorMode Mode
    {
        get => (ConnectorMode)Volatile.Read(ref _mode);
        set => Volatile.Write(ref _mode, (int)value);
    }

    /// <summary>Wait of <see cref="ConnectorMode.Slow"/>; may be changed while running.</summary>
    public TimeSpan Delay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _delayTicks));
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            Interlocked.Exchange(ref _delayTicks, value.Ticks);
        }
    }

    /// <summary>Probability (0..1) of a random failure; may be changed while running.</summary>
    public double FailureRate
    {
        get => Volatile.Read(ref _failureRate);
        set
        {
            ValidateRate(value);
            Volatile.Write(ref _failureRate, value);
        }
    }

    /// <summary>Files stored and acknowledged so far, in order (a snapshot).</summary>
    public IReadOnlyList<ReceivedFile> Received => _received.Snapshot();

    /// <summary>Number of <c>/convert</c> requests seen, failed ones included.</summary>
    public int RequestCount => Volatile.Read(ref _requestCount);

    /// <summary>Number of <c>/convert</c> requests being handled right now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Files this connector refuses with 400 whatever its mode (a file it cannot convert); may be changed while running.</summary>
    public Func<string, bool>? RefusesFile { get; set; }

    /// <summary>Called after each file is stored, before it is acknowledged; exceptions are logged and ignored.</summary>
    public Action<ReceivedFile>? OnReceived { get; set; }

    /// <summary>Starts a connector; when <see cref="ConnectorServerOptions.RegistryUrl"/> is set it also registers (a failure is retried in the background).</summary>
    public static async Task<ConnectorServer> StartAsync(ConnectorServerOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Name, nameof(options.Name));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.OutputDirectory, nameof(options.OutputDirectory));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Delay, TimeSpan.Zero, nameof(options.Delay));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.HangLimit, TimeSpan.Zero, nameof(options.HangLimit));
        ArgumentOutOfRangeException.ThrowIfNegative(options.Workers, nameof(options.Workers));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.UpdateInterval, TimeSpan.Zero, nameof(options.UpdateInterval));
        ValidateRate(options.FailureRate);
        if (options.ConvertWithNfdump && !options.StoreFiles)
        {
            throw new ArgumentException("ConvertWithNfdump needs StoreFiles: nfdump reads the stored file.", nameof(options));
        }

        ValidateHttpUrl(options.RegistryUrl, nameof(options.RegistryUrl));
        ValidateHttpUrl(options.AdvertisedUrl, nameof(options.AdvertisedUrl));
        var address = ListenEndpoint.ParseHost(options.Host);

        var outputDirectory = Path.GetFullPath(options.OutputDirectory);
        Directory.CreateDirectory(outputDirectory);

        var server = new ConnectorServer(options, outputDirectory);
        try
        {
            (server._app, server.Port, server.Url) = await DevWebHost.StartAsync(
                "CollectorLb.DevServices.Connector", address, options.Port, options.LoggerFactory, server.HandleAsync, ct).ConfigureAwait(false);
            ConnectorLog.Listening(server._logger, server.Name, server.Url, outputDirectory);

            if (options.RegistryUrl is { } registryUrl)
            {
                server._registration = new ConnectorRegistration(
                    registryUrl, options.Name, (options.AdvertisedUrl ?? server.Url).TrimEnd('/'), options.UpdateInterval, server._logger);
                await server._registration.StartAsync(ct).ConfigureAwait(false);
            }
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return server;
    }

    /// <summary>Unregisters (when registered), aborts hanging requests and stops listening.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Unregister first so the registry stops routing here while we still answer.
        if (_registration is not null)
        {
            await _registration.DisposeAsync().ConfigureAwait(false);
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_app is not null)
        {
            await DevWebHost.StopAsync(_app).ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private static void ValidateRate(double rate)
    {
        if (!ConnectorServerOptions.IsValidFailureRate(rate))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "FailureRate must be between 0 and 1");
        }
    }

    private static void ValidateHttpUrl(string? url, string name)
    {
        if (url is not null && !HttpUrl.IsAbsolute(url))
        {
            throw new ArgumentException($"{name} must be an absolute http(s) URL, got '{url}'", name);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        switch (request.Path.Value)
        {
            case "/convert" when HttpMethods.IsPost(request.Method):
                await HandleConvertAsync(context).ConfigureAwait(false);
                break;
            case "/ping" when HttpMethods.IsGet(request.Method):
                await JsonReply.WriteAsync(context, StatusCodes.Status200OK, w =>
                {
                    w.WriteString("result", "success");
                    w.WriteString("ping", "pong");
                }).ConfigureAwait(false);
                break;
            case "/convert" or "/ping":
                await JsonReply.ErrorAsync(context, StatusCodes.Status405MethodNotAllowed, "method not allowed").ConfigureAwait(false);
                break;
            default:
                await JsonReply.ErrorAsync(context, StatusCodes.Status404NotFound, "not found").ConfigureAwait(false);
                break;
        }
    }

    private async Task HandleConvertAsync(HttpContext context)
    {
        // Read first, so that even an exception's log line names the file.
        var fileName = ReadFileName(context.Request.Query, out var invalid);
        var logName = LogText.Escape(fileName ?? "(none)");
        Interlocked.Increment(ref _requestCount);
        Interlocked.Increment(ref _inFlight);

        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
            if (_workers is not null)
            {
                await _workers.WaitAsync(linked.Token).ConfigureAwait(false);
            }

            // Entered only once a worker is held (a cancelled wait throws above), so the release matches it.
            try
            {
                await ConvertAsync(context, fileName, invalid, logName, linked.Token).ConfigureAwait(false);
            }
            finally
            {
                _workers?.Release();
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested || _stopping.IsCancellationRequested)
        {
            ConnectorLog.NotAnswered(_logger, Name, logName, "cancelled");
            context.Abort();
        }
        catch (Exception ex)
        {
            ConnectorLog.RequestFailed(_logger, Name, logName, ex);
            if (!context.Response.HasStarted)
            {
                await JsonReply.ErrorAsync(context, StatusCodes.Status500InternalServerError, "internal error: " + ex.Message).ConfigureAwait(false);
            }
            else
            {
                context.Abort();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>The <c>filename</c> of the query (null when missing or repeated) and, in <paramref name="invalid"/>, why it cannot be used.</summary>
    private static string? ReadFileName(IQueryCollection query, out string? invalid)
    {
        if (query.TryGetValue("filename", out var values) && values.Count > 1)
        {
            invalid = "filename given more than once";
            return null;
        }

        var fileName = query.TryGetValue("filename", out values) ? values[0] : null;
        invalid = ConvertFileName.Validate(fileName);
        return fileName;
    }

    /// <summary>Answers one <c>/convert</c>.</summary>
    private async Task ConvertAsync(HttpContext context, string? fileName, string? invalid, string logName, CancellationToken ct)
    {
        if (invalid is not null)
        {
            await RejectAsync(context, logName, StatusCodes.Status400BadRequest, invalid, ct).ConfigureAwait(false);
            return;
        }

        // The real connector would parse a form body and find no file in it; make such senders fail loudly.
        if (context.Request.HasFormContentType)
        {
            await RejectAsync(context, logName, StatusCodes.Status400BadRequest, "form content types are not accepted", ct).ConfigureAwait(false);
            return;
        }

        switch (Mode)
        {
            case ConnectorMode.Error:
                await InjectAsync(context, logName, InjectedFault.Http400, ct).ConfigureAwait(false);
                return;
            case ConnectorMode.Fail500:
                await InjectAsync(context, logName, InjectedFault.Http500, ct).ConfigureAwait(false);
                return;
            case ConnectorMode.SuccessButErrorResult:
                await RejectAsync(context, logName, StatusCodes.Status200OK, "simulated", ct).ConfigureAwait(false);
                return;
            case ConnectorMode.NotJson:
                if (await DrainAsync(context, ct).ConfigureAwait(false))
                {
                    await JsonReply.TextAsync(context, StatusCodes.Status200OK, "text/plain", "ok").ConfigureAwait(false);
                    ConnectorLog.Answered(_logger, Name, logName, StatusCodes.Status200OK, "not JSON on purpose");
                }

                return;
            case ConnectorMode.Hang:
                await HangAsync(context, logName, Timeout.InfiniteTimeSpan, ct).ConfigureAwait(false);
                return;
            case ConnectorMode.Redirect:
                if (await DrainAsync(context, ct).ConfigureAwait(false))
                {
                    context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
                    context.Response.Headers.Location = "http://elsewhere.invalid:7000/convert" + context.Request.QueryString;
                    ConnectorLog.Answered(_logger, Name, logName, StatusCodes.Status307TemporaryRedirect, "redirect on purpose");
                }

                return;
            case ConnectorMode.Unavailable:
                await RejectAsync(context, logName, StatusCodes.Status503ServiceUnavailable, "unavailable", ct).ConfigureAwait(false);
                return;
            case ConnectorMode.ResetMidBody:
                await context.Request.Body.ReadAsync(new byte[1024], ct).ConfigureAwait(false);
                ConnectorLog.NotAnswered(_logger, Name, logName, "simulated connection closed mid-body");
                context.Abort();
                return;
            case ConnectorMode.Slow:
                await Task.Delay(Delay, ct).ConfigureAwait(false);
                break;
        }

        if (RefusesFile?.Invoke(fileName!) == true)
        {
            await InjectAsync(context, logName, InjectedFault.Http400, ct).ConfigureAwait(false);
            return;
        }

        if (PickFault() is { } fault)
        {
            await InjectAsync(context, logName, fault, ct).ConfigureAwait(false);
            return;
        }

        await StoreAsync(context, fileName!, logName, ct).ConfigureAwait(false);
    }

    private InjectedFault? PickFault()
    {
        var rate = FailureRate;
        if (rate <= 0)
        {
            return null;
        }

        lock (_randomLock)
        {
            if (_random.NextDouble() >= rate)
            {
                return null;
            }

            return (InjectedFault)_random.Next(4);
        }
    }

    private async Task InjectAsync(HttpContext context, string logName, InjectedFault fault, CancellationToken ct)
    {
        switch (fault)
        {
            case InjectedFault.Http500:
                await RejectAsync(context, logName, StatusCodes.Status500InternalServerError, "simulated internal server error", ct).ConfigureAwait(false);
                break;
            case InjectedFault.Http400:
                await RejectAsync(context, logName, StatusCodes.Status400BadRequest, "simulated error", ct).ConfigureAwait(false);
                break;
            case InjectedFault.ConnectionReset:
                ConnectorLog.NotAnswered(_logger, Name, logName, "simulated connection reset");
                context.Abort();
                break;
            case InjectedFault.HangThenReset:
                await HangAsync(context, logName, _options.HangLimit, ct).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>Holds the request open without reading it, then aborts the connection.</summary>
    private async Task HangAsync(HttpContext context, string logName, TimeSpan limit, CancellationToken ct)
    {
        try
        {
            await Task.Delay(limit, ct).ConfigureAwait(false);
            ConnectorLog.NotAnswered(_logger, Name, logName, "simulated hang, connection reset");
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            ConnectorLog.NotAnswered(_logger, Name, logName, context.RequestAborted.IsCancellationRequested ? "hang: client gave up" : "hang: server stopping");
        }

        context.Abort();
    }

    /// <summary>Reads the body to its end first, so the sender sees the answer rather than a reset mid-upload.</summary>
    private async Task RejectAsync(HttpContext context, string logName, int statusCode, string message, CancellationToken ct)
    {
        if (!await DrainAsync(context, ct).ConfigureAwait(false))
        {
            ConnectorLog.NotAnswered(_logger, Name, logName, "upload aborted");
            return;
        }

        await AnswerErrorAsync(context, logName, statusCode, message).ConfigureAwait(false);
    }

    private async Task AnswerErrorAsync(HttpContext context, string logName, int statusCode, string message)
    {
        await JsonReply.ErrorAsync(context, statusCode, message).ConfigureAwait(false);
        ConnectorLog.Answered(_logger, Name, logName, statusCode, message);
    }

    private static async Task<bool> DrainAsync(HttpContext context, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferBytes);
        try
        {
            while (await context.Request.Body.ReadAsync(buffer, ct).ConfigureAwait(false) > 0)
            {
            }

            return true;
        }
        catch (Exception ex) when (ex is IOException or BadHttpRequestException or OperationCanceledException)
        {
            context.Abort();
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Streams the body to its destination, converts it when asked, then keeps it and acknowledges.</summary>
    private async Task StoreAsync(HttpContext context, string fileName, string logName, CancellationToken ct)
    {
        using var destination = BodyDestination.Create(_options.StoreFiles, _outputDirectory, fileName);
        long length = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferBytes);
        try
        {
            var file = destination.Open();
            await using (file.ConfigureAwait(false))
            {
                while (true)
                {
                    int read;
                    try
                    {
                        read = await context.Request.Body.ReadAsync(buffer, ct).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is IOException or BadHttpRequestException or OperationCanceledException)
                    {
                        // The sender went away mid-body: nothing was received.
                        ConnectorLog.NotAnswered(_logger, Name, logName, string.Create(CultureInfo.InvariantCulture, $"upload aborted after {length} bytes"));
                        context.Abort();
                        return;
                    }

                    if (read == 0)
                    {
                        break;
                    }

                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
                    length += read;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (_options.ConvertWithNfdump)
        {
            // Convert before the rename, so the final name only ever shows a file that was fully handled.
            var conversionError = await NfdumpConverter.ConvertAsync(_options.NfdumpPath, destination.WrittenPath, ct).ConfigureAwait(false);
            if (conversionError is not null)
            {
                await AnswerErrorAsync(context, logName, StatusCodes.Status400BadRequest, conversionError).ConfigureAwait(false);
                return;
            }
        }

        string storedPath;
        try
        {
            storedPath = destination.Keep();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await AnswerErrorAsync(context, logName, StatusCodes.Status500InternalServerError, "cannot store file: " + ex.Message).ConfigureAwait(false);
            return;
        }

        var received = new ReceivedFile(
            fileName,
            storedPath,
            length,
            Convert.ToHexStringLower(hash.GetHashAndReset()),
            context.Request.ContentType,
            CollectXHeaders(context.Request.Headers),
            DateTimeOffset.UtcNow);
        _received.Add(received);
        InvokeCallback(received);
        switch (Mode)
        {
            case ConnectorMode.SlowAfterBody:
                await Task.Delay(Delay, ct).ConfigureAwait(false);
                break;
            case ConnectorMode.ResetAfterBody:
                ConnectorLog.NotAnswered(_logger, Name, logName, "simulated reset after the whole body was stored");
                context.Abort();
                return;
        }

        await JsonReply.SuccessAsync(context).ConfigureAwait(false);
        ConnectorLog.Received(_logger, Name, logName, length, StatusCodes.Status200OK);
    }

    private void InvokeCallback(ReceivedFile received)
    {
        try
        {
            OnReceived?.Invoke(received);
        }
        catch (Exception ex)
        {
            ConnectorLog.CallbackFailed(_logger, Name, ex);
        }
    }

    private static IReadOnlyDictionary<string, string> CollectXHeaders(IHeaderDictionary headers)
    {
        var collected = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in headers)
        {
            if (key.StartsWith("X-", StringComparison.OrdinalIgnoreCase))
            {
                collected[key] = value.ToString();
            }
        }

        return collected.AsReadOnly();
    }
}
