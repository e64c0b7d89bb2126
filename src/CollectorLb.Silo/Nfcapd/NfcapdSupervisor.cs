using System.Diagnostics;
using CollectorLb.Grains.Spool;
using CollectorLb.Silo.Configuration;
using CollectorLb.Silo.Interop;

namespace CollectorLb.Silo.Nfcapd;

/// <summary>
/// Runs nfcapd as a child process, restarts it with a growing delay when it exits, and stops it with SIGTERM
/// on shutdown so it closes its current file. Its output goes to our log.
/// </summary>
internal sealed partial class NfcapdSupervisor(
    IOptions<NfcapdOptions> options,
    FileSpool spool,
    TimeProvider timeProvider,
    ILogger<NfcapdSupervisor> logger) : BackgroundService
{
    private static readonly TimeSpan HealthyRunResetsBackoff = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopGracePeriod = TimeSpan.FromSeconds(5);

    private readonly NfcapdOptions _options = options.Value;
    private volatile Process? _process;

    public NfcapdStatus Status { get; private set; } = NfcapdStatus.Starting;

    public int Restarts { get; private set; }

    public int? ProcessId => _process?.Id;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            Status = NfcapdStatus.Disabled;
            LogDisabled(logger, spool.FlowDirectory);
            return;
        }

        var executable = NfcapdCommandLine.Locate(_options.Executable);
        if (executable is null)
        {
            Status = NfcapdStatus.NotInstalled;
            LogNotInstalled(logger, _options.Executable, spool.FlowDirectory);
            return;
        }

        spool.EnsureDirectories();
        await StopOrphanAsync();
        var arguments = NfcapdCommandLine.Arguments(_options, spool.FlowDirectory);
        var startInfo = StartInfo(executable, arguments);
        var commandLine = string.Join(' ', arguments);
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            var started = timeProvider.GetUtcNow();
            var exitCode = await RunOnceAsync(startInfo, executable, commandLine, stoppingToken);
            if (stoppingToken.IsCancellationRequested)
            {
                break;
            }

            delay = timeProvider.GetUtcNow() - started > HealthyRunResetsBackoff ? TimeSpan.FromSeconds(1) : delay;
            Status = NfcapdStatus.Restarting;
            Restarts++;
            LogExited(logger, exitCode, delay.TotalSeconds);
            try
            {
                await Task.Delay(delay, timeProvider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            delay = delay * 2 < _options.MaxRestartDelay ? delay * 2 : _options.MaxRestartDelay;
        }

        Status = NfcapdStatus.Stopped;
    }

    private static ProcessStartInfo StartInfo(string executable, IReadOnlyList<string> arguments)
    {
        // In a session of its own, a Ctrl-C on our terminal does not reach nfcapd: only we stop it.
        var setsid = NfcapdCommandLine.Locate("setsid");
        var startInfo = new ProcessStartInfo(setsid ?? executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (setsid is not null)
        {
            startInfo.ArgumentList.Add(executable);
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return startInfo;
    }

    private async Task<int?> RunOnceAsync(ProcessStartInfo startInfo, string executable, string commandLine, CancellationToken stoppingToken)
    {
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => LogOutput(e.Data);
        process.ErrorDataReceived += (_, e) => LogOutput(e.Data);
        try
        {
            process.Start();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            LogStartFailed(logger, ex, executable);
            return null;
        }

        _process = process;
        Status = NfcapdStatus.Running;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        LogStarted(logger, process.Id, commandLine);
        try
        {
            await process.WaitForExitAsync(stoppingToken);
            return process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            await StopAsync(process);
            return null;
        }
        finally
        {
            _process = null;
        }
    }

    /// <summary>
    /// An nfcapd left running by a silo that was killed still holds the UDP port and its pid file; it must go
    /// before ours can start. Only a process that is really nfcapd is touched.
    /// </summary>
    private async Task StopOrphanAsync()
    {
        var pidFile = Path.Combine(spool.FlowDirectory, NfcapdCommandLine.PidFileName);
        if (!File.Exists(pidFile) || !int.TryParse((await File.ReadAllTextAsync(pidFile)).Trim(), out var pid))
        {
            return;
        }

        Process orphan;
        try
        {
            orphan = Process.GetProcessById(pid);
        }
        catch (ArgumentException)
        {
            File.Delete(pidFile); // stale: the process is gone
            return;
        }

        using (orphan)
        {
            if (orphan.ProcessName != "nfcapd")
            {
                File.Delete(pidFile);
                return;
            }

            LogStoppingOrphan(logger, pid);
            await StopAsync(orphan);
        }

        File.Delete(pidFile);
    }

    private async Task StopAsync(Process process)
    {
        if (process.HasExited)
        {
            return;
        }

        UnixSignals.Terminate(process.Id);
        using var grace = new CancellationTokenSource(StopGracePeriod);
        try
        {
            await process.WaitForExitAsync(grace.Token);
            LogStopped(logger, process.Id);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            LogKilled(logger, process.Id, StopGracePeriod.TotalSeconds);
        }
    }

    private void LogOutput(string? line)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            LogNfcapdLine(logger, line);
        }
    }

    [LoggerMessage(LogLevel.Information, "nfcapd disabled by configuration (CollectorLb:Nfcapd:Enabled=false); shipping whatever files appear in {Directory}")] private static partial void LogDisabled(ILogger logger, string directory);
    [LoggerMessage(LogLevel.Warning, "nfcapd is not installed ('{Executable}' not found; Debian/Ubuntu package: nfdump). No flows are collected here; shipping whatever files appear in {Directory}")] private static partial void LogNotInstalled(ILogger logger, string executable, string directory);
    [LoggerMessage(LogLevel.Information, "nfcapd started (pid {ProcessId}): nfcapd {Arguments}")] private static partial void LogStarted(ILogger logger, int processId, string arguments);
    [LoggerMessage(LogLevel.Error, "nfcapd could not be started from {Executable}")] private static partial void LogStartFailed(ILogger logger, Exception exception, string executable);
    [LoggerMessage(LogLevel.Warning, "nfcapd exited (code {ExitCode}); restarting in {DelaySeconds} s")] private static partial void LogExited(ILogger logger, int? exitCode, double delaySeconds);
    [LoggerMessage(LogLevel.Information, "nfcapd (pid {ProcessId}) stopped")] private static partial void LogStopped(ILogger logger, int processId);
    [LoggerMessage(LogLevel.Warning, "nfcapd (pid {ProcessId}) ignored SIGTERM for {Seconds} s; killed")] private static partial void LogKilled(ILogger logger, int processId, double seconds);
    [LoggerMessage(LogLevel.Warning, "nfcapd (pid {ProcessId}) left running by an earlier run; stopping it first")] private static partial void LogStoppingOrphan(ILogger logger, int processId);
    [LoggerMessage(LogLevel.Information, "nfcapd: {Line}")] private static partial void LogNfcapdLine(ILogger logger, string line);
}
