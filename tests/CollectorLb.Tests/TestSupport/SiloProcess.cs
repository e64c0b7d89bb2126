using System.Diagnostics;
using System.Text;
using CollectorLb.Silo.Interop;

namespace CollectorLb.Tests.TestSupport;

/// <summary>The built silo program run as its own process, as an operator runs it.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SiloProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>A silo on free ports talking to <paramref name="registryPort"/>, nfcapd off unless asked, fast test timings.</summary>
    public static Dictionary<string, string> TestEnvironment(int registryPort, int httpPort) =>
        new SiloEnvironment("process-host", httpPort)
            .WithLegacyRegistry(registryPort)
            .WithSetting("Watcher:RescanSeconds", "1")
            .WithSetting("Delivery:RetryBaseDelaySeconds", "0.2")
            .WithSetting("Delivery:RetryMaxDelaySeconds", "1")
            .WithSetting("Pool:RegistryRefreshSeconds", "1")
            .ToVariables();

    /// <summary>
    /// Waits until <paramref name="path"/> answers with success (and with <paramref name="body"/>, when given); fails at
    /// once when the process exits. Each request may take 10 s: one that hangs is tried again until the deadline.
    /// </summary>
    public async Task WaitUntilHealthyAsync(int httpPort, TimeSpan timeout, string path = "/healthz", string? body = null)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await Eventually.TrueAsync(
            async () =>
            {
                if (HasExited)
                {
                    throw new InvalidOperationException($"the silo exited with {ExitCode}:\n{Output}");
                }

                try
                {
                    using var response = await http.GetAsync($"http://127.0.0.1:{httpPort}{path}");
                    return response.IsSuccessStatusCode && (body is null || await response.Content.ReadAsStringAsync() == body);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    return false;
                }
            },
            () => $"{path} answers; output:\n" + Output,
            timeout);
    }

    /// <summary>SIGKILL: no chance to clean up, as when a node dies.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>Runs the built silo, or the one at <paramref name="siloAssemblyPath"/> (a published copy, say).</summary>
    public static SiloProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, string? siloAssemblyPath = null) =>
        Start(workingDirectory, environment, "dotnet", [siloAssemblyPath ?? RepositoryPaths.SiloAssembly]);

    /// <summary>Runs the built silo in a fresh directory until it exits by itself, as when it refuses to start: its exit code and what it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunUntilExitAsync(IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        using var directory = new TempDirectory("silo");
        await using var silo = Start(directory.Path, environment);
        return (await silo.WaitForExitAsync(timeout), silo.Output);
    }

    /// <summary>
    /// Runs the silo as the unprivileged user <c>nobody</c> (root reads every file, so permission problems need
    /// another user). The build output is copied into <paramref name="workingDirectory"/>, which is opened to all.
    /// </summary>
    public static SiloProcess StartUnprivileged(string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var binary = Path.Combine(workingDirectory, "silo-bin");
        var source = Path.GetDirectoryName(RepositoryPaths.SiloAssembly)!;
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(binary, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        foreach (var directory in Directory.EnumerateDirectories(workingDirectory, "*", SearchOption.AllDirectories).Append(workingDirectory))
        {
            File.SetUnixFileMode(directory, (UnixFileMode)0x1FF);
        }

        var unprivileged = new Dictionary<string, string>(environment) { ["HOME"] = workingDirectory, ["DOTNET_CLI_HOME"] = workingDirectory };
        return Start(workingDirectory, unprivileged, "setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "dotnet", Path.Combine(binary, "CollectorLb.Silo.dll")]);
    }

    /// <summary>Any program (the image's entry point, say), watched like the silo.</summary>
    public static SiloProcess StartProgram(string workingDirectory, IReadOnlyDictionary<string, string> environment, string program, IReadOnlyList<string> arguments) =>
        Start(workingDirectory, environment, program, arguments);

    private static SiloProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, string program, IReadOnlyList<string> arguments)
    {
        var startInfo = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        return new SiloProcess(Process.Start(startInfo)!);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGTERM, as Kubernetes and Ctrl-C stop it.</summary>
    public Task<int> StopAsync(TimeSpan timeout)
    {
        UnixSignals.Terminate(_process.Id);
        return WaitForExitAsync(timeout);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
