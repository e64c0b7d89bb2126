using System.Diagnostics;

namespace CollectorLb.Benchmarks.Rig;

/// <summary>
/// The built silo run as its own process, as an operator runs it, on a scenario's flow directory and registry:
/// its own process so its memory can be read honestly from /proc. Its console goes to a log file.
/// </summary>
internal sealed class SiloUnderTest : IAsyncDisposable
{
    private static readonly HttpClient Health = new() { Timeout = TimeSpan.FromSeconds(2) };

    /// <summary>The console logger's levels at warning and above, with how they stand in a line: built once, not per line read.</summary>
    private static readonly (string Level, string Marker)[] ProblemLevels = [.. new[] { "warn", "fail", "crit" }.Select(level => (level, $" {level}: "))];

    private readonly Process _process;
    private readonly Task _logCopy;
    private readonly int _httpPort;

    private SiloUnderTest(Process process, string logPath, int httpPort)
    {
        _process = process;
        LogPath = logPath;
        _httpPort = httpPort;
        _logCopy = Task.WhenAll(CopyAsync(process.StandardOutput.BaseStream, logPath), CopyAsync(process.StandardError.BaseStream, logPath + ".stderr"));
    }

    public int ProcessId => _process.Id;

    public string LogPath { get; }

    public ProcessMemory Memory => ProcessMemory.Read(_process.Id);

    /// <summary>Starts the silo on <paramref name="flowDirectory"/> with the registry at <paramref name="registryPort"/>; returns once /healthz answers.</summary>
    public static async Task<SiloUnderTest> StartAsync(string workDirectory, string flowDirectory, int registryPort, IReadOnlyDictionary<string, string> settings)
    {
        var httpPort = FreePorts.Tcp();
        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        startInfo.ArgumentList.Add(RepositoryPaths.SiloAssembly);
        var environment = new SiloEnvironment("bench", httpPort)
            .WithRegistry(registryPort)
            .WithFlowDirectory(flowDirectory)
            .WithSettings(settings)
            .ToVariables();
        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        var silo = new SiloUnderTest(Process.Start(startInfo)!, Path.Combine(workDirectory, "silo.log"), httpPort);
        try
        {
            await silo.WaitHealthyAsync(TimeSpan.FromSeconds(60));
            return silo;
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    /// <summary>The last lines of the silo's console, for error messages.</summary>
    public string LogTail(int lines = 20)
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>What the silo logged at warning level or above: level ("warn", "fail", "crit") and category, one per entry.</summary>
    public IReadOnlyList<(string Level, string Category)> LogProblems()
    {
        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var problems = new List<(string, string)>();
        while (reader.ReadLine() is { } line)
        {
            foreach (var (level, marker) in ProblemLevels)
            {
                var at = line.IndexOf(marker, StringComparison.Ordinal);
                if (at >= 0)
                {
                    var category = line[(at + marker.Length)..];
                    problems.Add((level, category.Split('[', 2)[0].Trim()));
                    break;
                }
            }
        }

        return problems;
    }

    /// <summary>Ends the process with SIGKILL, as a crash does: no shutdown of any kind.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        await _logCopy;
        _process.Dispose();
    }

    private static async Task CopyAsync(Stream from, string path)
    {
        await using var to = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite);
        await from.CopyToAsync(to);
    }

    private async Task WaitHealthyAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_process.HasExited)
            {
                await _logCopy;
                throw new InvalidOperationException($"The silo exited with code {_process.ExitCode}:\n{LogTail()}");
            }

            try
            {
                using var response = await Health.GetAsync($"http://127.0.0.1:{_httpPort}/healthz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"The silo did not answer /healthz within {timeout}:\n{LogTail()}");
    }
}
