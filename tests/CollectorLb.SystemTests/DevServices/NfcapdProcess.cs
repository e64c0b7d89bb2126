using CollectorLb.Testing.Network;

namespace CollectorLb.SystemTests.DevServices;

/// <summary>A real nfcapd (Debian package nfdump) collecting into a temp folder, rotating every 5 s.</summary>
internal sealed partial class NfcapdProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _output = [];

    private NfcapdProcess(Process process, string directory, int port)
    {
        _process = process;
        Directory = directory;
        EndPoint = new IPEndPoint(IPAddress.Loopback, port);
    }

    public string Directory { get; }

    public IPEndPoint EndPoint { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    public static async Task<NfcapdProcess> StartAsync(string directory)
    {
        const string executable = "/usr/bin/nfcapd";
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException("nfcapd is not installed: apt-get install nfdump");
        }

        var port = FreePorts.Udp();
        var startInfo = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-w", directory, "-t", "5", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-b", "127.0.0.1" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var nfcapd = new NfcapdProcess(process, directory, port);
        process.OutputDataReceived += (_, e) => nfcapd.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => nfcapd.OnLine(e.Data);
        process.Exited += (_, _) => nfcapd._started.TrySetException(new InvalidOperationException("nfcapd exited early:\n" + nfcapd.Output));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await nfcapd._started.Task.WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch
        {
            await nfcapd.DisposeAsync();
            throw;
        }

        return nfcapd;
    }

    /// <summary>Rotated files only (<c>nfcapd.YYYYMMDDhhmmss</c>), not the one being written.</summary>
    public string[] RotatedFiles() =>
        [.. System.IO.Directory.GetFiles(Directory).Where(f => RotatedName().IsMatch(Path.GetFileName(f))).Order(StringComparer.Ordinal)];

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }

        // nfcapd prints this once its UDP socket is bound.
        if (line.Contains("Startup nfcapd.", StringComparison.Ordinal))
        {
            _started.TrySetResult();
        }
    }

    [GeneratedRegex(@"^nfcapd\.\d{14}$")]
    private static partial Regex RotatedName();
}
