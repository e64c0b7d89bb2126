using CollectorLb.Silo.Interop;
using CollectorLb.Testing.Paths;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.Testing.Silos;

/// <summary>
/// The built silo program run as its own process, as an operator runs it (or another program, watched the same way).
/// What it prints is kept in memory, or, given a log file, copied there as it comes: a long run (the benchmark's) prints
/// more than is worth holding, and reading it line by line would cost the measuring process CPU.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder? _output;
    private readonly Task _logCopy = Task.CompletedTask;

    private SiloProcess(Process process, string? logPath)
    {
        _process = process;
        LogPath = logPath;
        if (logPath is null)
        {
            _output = new StringBuilder();
            _process.OutputDataReceived += (_, e) => Append(e.Data);
            _process.ErrorDataReceived += (_, e) => Append(e.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }
        else
        {
            _logCopy = Task.WhenAll(CopyAsync(process.StandardOutput.BaseStream, logPath), CopyAsync(process.StandardError.BaseStream, ErrorLogPath!));
        }
    }

    public int ProcessId => _process.Id;

    /// <summary>Where standard output goes (standard error beside it, <c>.stderr</c>); null when it is kept in memory.</summary>
    public string? LogPath { get; }

    /// <summary>Everything it printed so far, standard error after standard output when they go to files.</summary>
    public string Output
    {
        get
        {
            if (_output is not null)
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }

            return ReadShared(LogPath!) + ReadShared(ErrorLogPath!);
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    private string? ErrorLogPath => LogPath is null ? null : LogPath + ".stderr";

    /// <summary>A silo on free ports talking to <paramref name="registryPort"/>, nfcapd off unless asked, fast test timings.</summary>
    public static Dictionary<string, string> TestEnvironment(int registryPort, int httpPort) =>
        new SiloSettings("process-host")
            .WithPorts(httpPort)
            .WithLegacyRegistry(registryPort)
            .WithFastTimings()
            .ToEnvironment();

    /// <summary>
    /// Runs the built silo, or the one at <paramref name="siloAssemblyPath"/> (a published copy, another build); its
    /// output in memory, or in <paramref name="logPath"/>.
    /// </summary>
    public static SiloProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, string? siloAssemblyPath = null, string? logPath = null) =>
        Start(workingDirectory, environment, "dotnet", [siloAssemblyPath ?? RepositoryPaths.SiloAssembly], logPath);

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
        return Start(workingDirectory, unprivileged, "setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "dotnet", Path.Combine(binary, "CollectorLb.Silo.dll")], logPath: null);
    }

    /// <summary>Any program (the image's entry point, a server a test needs), watched like the silo.</summary>
    public static SiloProcess StartProgram(string workingDirectory, IReadOnlyDictionary<string, string> environment, string program, IReadOnlyList<string> arguments) =>
        Start(workingDirectory, environment, program, arguments, logPath: null);

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
                    await _logCopy;
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

    /// <summary>The last lines of its standard output (of everything it printed, when kept in memory), for messages.</summary>
    public string OutputTail(int lines = 20)
    {
        try
        {
            var text = _output is not null ? Output : ReadShared(LogPath!);
            return string.Join('\n', text.Split('\n').TakeLast(lines));
        }
        catch (IOException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>Its standard output line by line (all it printed, when kept in memory), read as it stands now.</summary>
    public IEnumerable<string> OutputLines()
    {
        if (_output is not null)
        {
            foreach (var line in Output.Split('\n'))
            {
                yield return line.TrimEnd('\r');
            }

            yield break;
        }

        using var stream = new FileStream(LogPath!, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }

    /// <summary>SIGKILL: no chance to clean up, as when a node dies.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
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

        await _logCopy;
        _process.Dispose();
    }

    private static SiloProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, string program, IReadOnlyList<string> arguments, string? logPath)
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

        return new SiloProcess(Process.Start(startInfo)!, logPath);
    }

    private static async Task CopyAsync(Stream from, string path)
    {
        await using var to = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite);
        await from.CopyToAsync(to);
    }

    /// <summary>A log file as it stands, while the copy may still write to it; empty before the copy created it.</summary>
    private static string ReadShared(string path)
    {
        if (!File.Exists(path))
        {
            return string.Empty;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output!)
            {
                _output.AppendLine(line);
            }
        }
    }
}
