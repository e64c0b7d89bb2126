namespace CollectorLb.DevServices.Connector;

/// <summary>Thread-safe list of received files.</summary>
internal sealed class ReceivedFileLog
{
    private readonly Lock _lock = new();
    private readonly List<ReceivedFile> _files = [];

    public void Add(ReceivedFile file)
    {
        lock (_lock)
        {
            _files.Add(file);
        }
    }

    public ReceivedFile[] Snapshot()
    {
        lock (_lock)
        {
            return [.. _files];
        }
    }
}
