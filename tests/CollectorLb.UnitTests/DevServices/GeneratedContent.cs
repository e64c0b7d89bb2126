using System.Security.Cryptography;

namespace CollectorLb.UnitTests.DevServices;

/// <summary>A body produced on the fly (never held in memory); optionally fails part-way like a dying sender.</summary>
internal sealed class GeneratedContent(long length, long? failAfter) : HttpContent
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public string Sha256Hex { get; private set; } = string.Empty;

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var random = new Random(7);
        var buffer = new byte[64 * 1024];
        long sent = 0;
        while (sent < length)
        {
            if (failAfter is { } limit && sent >= limit)
            {
                throw new IOException("sender died");
            }

            var count = (int)Math.Min(buffer.Length, length - sent);
            random.NextBytes(buffer.AsSpan(0, count));
            _hash.AppendData(buffer, 0, count);
            await stream.WriteAsync(buffer.AsMemory(0, count));
            sent += count;
        }

        Sha256Hex = Convert.ToHexStringLower(_hash.GetHashAndReset());
    }

    protected override bool TryComputeLength(out long computed)
    {
        computed = length;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
