namespace CollectorLb.DevServices.Connector;

/// <summary>
/// Where a connector writes an uploaded body while reading it, decided once per request by
/// <see cref="ConnectorServerOptions.StoreFiles"/>: a temp file renamed to its final name once the request was
/// fully handled (so that name only ever shows a whole file), or nowhere, keeping just what the caller counts and
/// hashes. Disposing a destination that was not kept removes what it wrote.
/// </summary>
internal abstract class BodyDestination : IDisposable
{
    public static BodyDestination Create(bool storeFiles, string outputDirectory, string fileName) =>
        storeFiles ? new TempFile(outputDirectory, fileName) : new Nowhere();

    /// <summary>The written bytes before <see cref="Keep"/>, for nfdump to convert in place.</summary>
    public abstract string WrittenPath { get; }

    /// <summary>The stream the body is written to; the caller disposes it before <see cref="Keep"/>.</summary>
    public abstract Stream Open();

    /// <summary>Makes the body final; returns where it is stored, empty when it is not.</summary>
    public abstract string Keep();

    public abstract void Dispose();

    private sealed class TempFile(string outputDirectory, string fileName) : BodyDestination
    {
        private const string TempPrefix = ".convert-";

        private readonly string _tempPath = Path.Combine(outputDirectory, TempPrefix + Guid.NewGuid().ToString("N") + ".part");
        private readonly string _finalPath = Path.Combine(outputDirectory, fileName);
        private bool _kept;

        public override string WrittenPath => _tempPath;

        public override Stream Open() => new FileStream(_tempPath, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            Options = FileOptions.Asynchronous,
            BufferSize = 0,
        });

        public override string Keep()
        {
            File.Move(_tempPath, _finalPath, overwrite: true);
            _kept = true;
            return _finalPath;
        }

        public override void Dispose()
        {
            if (_kept)
            {
                return;
            }

            try
            {
                File.Delete(_tempPath);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Best effort: a leftover temp file has a name no sender uses.
            }
        }
    }

    private sealed class Nowhere : BodyDestination
    {
        // ConnectorServer refuses ConvertWithNfdump without StoreFiles at start, so nothing asks for this.
        public override string WrittenPath => throw new InvalidOperationException("The body is not stored: there is no file to convert.");

        public override Stream Open() => Stream.Null;

        public override string Keep() => string.Empty;

        public override void Dispose()
        {
        }
    }
}
