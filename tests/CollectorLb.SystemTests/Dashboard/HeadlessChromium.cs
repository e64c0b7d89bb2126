using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using CollectorLb.Testing.Paths;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.SystemTests.Dashboard;

/// <summary>
/// A real headless Chromium (Debian package <c>chromium</c>) with a fresh profile, driven over the DevTools
/// protocol: navigate, evaluate script, screenshot. One page per browser.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    private static readonly string[] Candidates = ["/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser"];

    private readonly Process _process;
    private readonly TempDirectory _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly SemaphoreSlim _sending = new(1);
    private Task _receiving = Task.CompletedTask;
    private int _nextId;
    private string? _sessionId;

    private HeadlessChromium(Process process, TempDirectory profile)
    {
        _process = process;
        _profile = profile;
    }

    public static string Executable => Candidates.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("Chromium is not installed (Debian package 'chromium'; scripts/install-deps.sh installs it).");

    public static async Task<HeadlessChromium> StartAsync(int width = 1400, int height = 1800)
    {
        var profile = new TempDirectory("chromium");
        var startInfo = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", $"--user-data-dir={profile.Path}",
            "--remote-debugging-port=0", $"--window-size={width},{height}", "about:blank",
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var browser = new HeadlessChromium(process, profile);
        try
        {
            await browser.ConnectAsync(width, height);
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    public Task NavigateAsync(string url) => SendAsync("Page.navigate", new JsonObject { ["url"] = url });

    /// <summary>Runs script in the page (promises awaited) and returns its JSON value.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true });
        if (result.TryGetProperty("exceptionDetails", out var exception))
        {
            throw new InvalidOperationException($"script failed: {exception}");
        }

        return result.GetProperty("result").TryGetProperty("value", out var value) ? value.Clone() : default;
    }

    public async Task<string> TextAsync(string selector) =>
        (await EvaluateAsync($"document.querySelector({JsonSerializer.Serialize(selector)})?.innerText ?? ''")).GetString() ?? string.Empty;

    /// <summary>Waits until a script expression is true in the page; on time-out says what the page showed.</summary>
    public async Task WaitUntilAsync(string condition, string what, TimeSpan? timeout = null)
    {
        var page = string.Empty;
        await Eventually.TrueAsync(
            async () =>
            {
                // A page still loading has no such element yet: that is "not yet", not a failure.
                var state = await EvaluateAsync($"[(() => {{ try {{ return Boolean({condition}); }} catch {{ return false; }} }})(), document.body ? document.body.innerText.slice(0, 4000) : '']");
                page = state[1].GetString() ?? string.Empty;
                return state[0].ValueKind == JsonValueKind.True;
            },
            () => $"{what}; the page shows:\n{page}",
            timeout);
    }

    /// <summary>The whole page as PNG.</summary>
    public async Task<byte[]> ScreenshotAsync()
    {
        var result = await SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png", ["captureBeyondViewport"] = true });
        return Convert.FromBase64String(result.GetProperty("data").GetString()!);
    }

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                await SendRawAsync("Browser.close", null, sessionId: null).WaitAsync(TimeSpan.FromSeconds(5));
            }
        }
        catch (Exception ex) when (ex is WebSocketException or TimeoutException or OperationCanceledException or InvalidOperationException)
        {
            // Killed below anyway.
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        _socket.Dispose();
        await _receiving.ContinueWith(_ => { }, TaskScheduler.Default);
        _profile.Dispose();
    }

    private async Task ConnectAsync(int width, int height)
    {
        // Chromium writes its DevTools port and browser path here once it listens.
        var portFile = Path.Combine(_profile.Path, "DevToolsActivePort");
        await Eventually.TrueAsync(
            () => !_process.HasExited && File.Exists(portFile) && File.ReadAllLines(portFile).Length >= 2,
            () => _process.HasExited ? $"chromium exited with {_process.ExitCode}" : "chromium wrote DevToolsActivePort",
            TimeSpan.FromSeconds(30));
        var lines = await File.ReadAllLinesAsync(portFile);
        await _socket.ConnectAsync(new Uri($"ws://127.0.0.1:{lines[0].Trim()}{lines[1].Trim()}"), CancellationToken.None);
        _receiving = Task.Run(ReceiveAsync);

        var target = await SendRawAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" }, sessionId: null);
        var attached = await SendRawAsync("Target.attachToTarget", new JsonObject { ["targetId"] = target.GetProperty("targetId").GetString(), ["flatten"] = true }, sessionId: null);
        _sessionId = attached.GetProperty("sessionId").GetString();
        await SendAsync("Page.enable", new JsonObject());
        await SendAsync("Emulation.setDeviceMetricsOverride", new JsonObject { ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = false });
    }

    private Task<JsonElement> SendAsync(string method, JsonObject parameters) => SendRawAsync(method, parameters, _sessionId);

    private async Task<JsonElement> SendRawAsync(string method, JsonObject? parameters, string? sessionId)
    {
        var id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        if (sessionId is not null)
        {
            message["sessionId"] = sessionId;
        }

        await _sending.WaitAsync();
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        finally
        {
            _sending.Release();
        }

        return await reply.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (!_closing.IsCancellationRequested && _socket.State == WebSocketState.Open)
            {
                var received = await _socket.ReceiveAsync(buffer, _closing.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage)
                {
                    continue;
                }

                Dispatch(message.ToArray());
                message.SetLength(0);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The browser went away.
        }

        foreach (var pending in _pending.Values)
        {
            pending.TrySetException(new InvalidOperationException("chromium closed the DevTools connection"));
        }
    }

    private void Dispatch(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (!root.TryGetProperty("id", out var idElement) || !_pending.TryRemove(idElement.GetInt32(), out var reply))
        {
            return; // an event: not needed here
        }

        if (root.TryGetProperty("error", out var error))
        {
            reply.TrySetException(new InvalidOperationException($"DevTools error: {error}"));
        }
        else
        {
            reply.TrySetResult(root.GetProperty("result").Clone());
        }
    }
}
