using System.Diagnostics;
using System.Reflection;
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

    /// <summary>The silo's build output: the same configuration as these tests, found from the repository root.</summary>
    public static string SiloAssemblyPath
    {
        get
        {
            var configuration = typeof(SiloProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CollectorLb.Orleans.sln")))
            {
                directory = directory.Parent;
            }

            return Path.Combine(directory!.FullName, "src", "CollectorLb.Silo", "bin", configuration, "net10.0", "CollectorLb.Silo.dll");
        }
    }

    public static SiloProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, string? siloAssemblyPath = null)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        startInfo.ArgumentList.Add(siloAssemblyPath ?? SiloAssemblyPath);
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
