namespace CollectorLb.Grains.Observability;

/// <summary>
/// Told of every change in the life of a file on this silo (metrics, statistics, the legacy benchmark file, the log).
/// Called inside the grain's turn: implementations must be cheap and must not throw.
/// </summary>
public interface IFileTransitionObserver
{
    void OnTransition(FileTransition transition);
}
