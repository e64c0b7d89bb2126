using CollectorLb.DevServices.Registry;
using CollectorLb.Silo.Interop;

namespace CollectorLb.SystemTests.DevServices;

/// <summary>Runs the CollectorLb.DevServices executable as <c>make demo</c> does, capturing its output.</summary>
internal sealed class DevServicesCli : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _stdout = [];
    private readonly List<string> _stderr = [];

    private DevServicesCli(Process process) => _process = process;

    public string Stdout => Joined(_stdout);

    public string Stderr => Joined(_stderr);

    public static DevServicesCli Start(params string[] arguments)
    {
        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var startInfo = new ProcessStartInfo(host)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        startInfo.ArgumentList.Add(typeof(RegistryServer).Assembly.Location);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var cli = new DevServicesCli(new Process { StartInfo = startInfo });
        cli._process.OutputDataReceived += (_, e) => Add(cli._stdout, e.Data);
        cli._process.ErrorDataReceived += (_, e) => Add(cli._stderr, e.Data);
        cli._process.Start();
        cli._process.BeginOutputReadLine();
        cli._process.BeginErrorReadLine();
        return cli;
    }

    /// <summary>Waits for exit (and for the output to be drained) and returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(deadline.Token);
        return _process.ExitCode;
    }

    public void Terminate()
    {
        Assert.True(UnixSignals.Terminate(_process.Id), $"SIGTERM to {_process.Id} failed");
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

    private static void Add(List<string> lines, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (lines)
        {
            lines.Add(line);
        }
    }

    private static string Joined(List<string> lines)
    {
        lock (lines)
        {
            return string.Join('\n', lines);
        }
    }
}
