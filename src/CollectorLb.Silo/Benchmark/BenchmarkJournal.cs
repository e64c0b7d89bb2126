using CollectorLb.Grains.Delivery;
using CollectorLb.Grains.Spool;
using CollectorLb.Silo.Configuration;
using Microsoft.Extensions.Options;

namespace CollectorLb.Silo.Benchmark;

/// <summary>
/// Appends <c>netflows/&lt;name&gt; detect|send &lt;unix seconds&gt;</c> lines exactly as the old load balancer did:
/// the path is the file's original place relative to the working directory (not our spool).
/// </summary>
internal sealed class BenchmarkJournal : IBenchmarkJournal, IDisposable
{
    private readonly bool _enabled;
    private readonly string _flowDirectoryRelative;
    private readonly string _filePath;
    private readonly Lock _lock = new();
    private StreamWriter? _writer;

    public BenchmarkJournal(IOptions<BenchmarkOptions> options, FileSpool spool)
    {
        _enabled = options.Value.Enabled;
        _filePath = Path.GetFullPath(options.Value.FilePath);
        _flowDirectoryRelative = Path.GetRelativePath(Environment.CurrentDirectory, spool.FlowDirectory);
    }

    public void FileDetected(string fileName, DateTimeOffset at) => Append(fileName, "detect", at);

    public void FileSent(string fileName, DateTimeOffset at) => Append(fileName, "send", at);

    public void Dispose()
    {
        lock (_lock)
        {
            _writer?.Dispose();
            _writer = null;
        }
    }

    private void Append(string fileName, string eventName, DateTimeOffset at)
    {
        if (!_enabled)
        {
            return;
        }

        var line = $"{Path.Combine(_flowDirectoryRelative, fileName)} {eventName} {at.ToUnixTimeSeconds()}\n";
        lock (_lock)
        {
            _writer ??= new StreamWriter(new FileStream(_filePath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
            _writer.Write(line);
        }
    }
}
