namespace CollectorLb.Grains.Observability;

/// <summary>
/// Tells every registered <see cref="IFileTransitionObserver"/> of a transition, once: the file's grain has this one
/// outlet for everything that watches files. An observer that throws is logged and skipped, never the grain's problem.
/// </summary>
public sealed partial class FileTransitions(IEnumerable<IFileTransitionObserver> observers, ILogger<FileTransitions> logger)
{
    private readonly IFileTransitionObserver[] _observers = observers.ToArray();

    public void Publish(FileTransition transition)
    {
        foreach (var observer in _observers)
        {
            try
            {
                observer.OnTransition(transition);
            }
            catch (Exception ex)
            {
                LogObserverFailed(logger, ex, observer.GetType().Name, transition.Event, transition.File.FileName);
            }
        }
    }

    [LoggerMessage(LogLevel.Error, "{Observer} failed on {Event} of {FileName}")] private static partial void LogObserverFailed(ILogger logger, Exception exception, string observer, Files.FileEvent @event, string fileName);
}
