using System.Buffers;

namespace CollectorLb.Silo.Delivery;

/// <summary>
/// An upload's body: the file streamed from disk in small chunks (never the whole file in memory). It counts what it
/// handed to the connection, so the uploader knows whether the connector may hold the whole file, and it keeps a failed
/// read of the file apart from a failed write to the connector.
/// </summary>
internal sealed class FileBody : HttpContent
{
    private const int ChunkBytes = 64 * 1024;

    private readonly FileStream _file;
    private long _bytesSent;
    private volatile bool _bodySent;
    private volatile Exception? _readError;

    public FileBody(FileStream file, long length, MediaTypeHeaderValue contentType)
    {
        _file = file;
        Length = length;
        Headers.ContentType = contentType;
    }

    /// <summary>The file's size when it was opened: the Content-Length.</summary>
    public long Length { get; }

    /// <summary>Bytes written to the connection so far.</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>
    /// Every byte was written and flushed to the connection: from here on the connector may have stored the file. Before,
    /// it cannot have (the body is shorter than its Content-Length).
    /// </summary>
    public bool BodySent => _bodySent;

    /// <summary>Why the file itself could not be read (EIO, a file shorter than when it was opened); null when it could.</summary>
    public Exception? ReadError => _readError;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        // The handler sends a body again only when a connection fails before it started; then it starts from the top.
        _file.Position = 0;
        Interlocked.Exchange(ref _bytesSent, 0);
        _bodySent = false;

        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            var sent = 0L;
            while (sent < Length)
            {
                var read = await ReadFileAsync(buffer.AsMemory(0, (int)Math.Min(ChunkBytes, Length - sent)), sent, cancellationToken);
                await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                sent += read;
                Interlocked.Exchange(ref _bytesSent, sent);
            }

            await stream.FlushAsync(cancellationToken);
            _bodySent = true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = Length;
        return true;
    }

    private async ValueTask<int> ReadFileAsync(Memory<byte> chunk, long offset, CancellationToken cancellationToken)
    {
        int read;
        try
        {
            read = await _file.ReadAsync(chunk, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _readError = ex;
            throw;
        }

        if (read == 0)
        {
            var shorter = new IOException($"the file ended after {offset} of its {Length} bytes");
            _readError = shorter;
            throw shorter;
        }

        return read;
    }
}
