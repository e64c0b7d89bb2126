using System.Security.Cryptography;
using System.Text;
using CollectorLb.Dashboard.Hosting;

namespace CollectorLb.Dashboard.Security;

/// <summary>The operator's secret: configured, or made up at start when none is.</summary>
public sealed class OperatorToken
{
    private readonly byte[] _hash;

    public OperatorToken(IOptions<DashboardOptions> options)
    {
        var configured = options.Value.OperatorToken;
        IsGenerated = string.IsNullOrEmpty(configured);
        Value = IsGenerated ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_') : configured!;
        _hash = SHA256.HashData(Encoding.UTF8.GetBytes(Value));
    }

    public string Value { get; }

    public bool IsGenerated { get; }

    /// <summary>Constant-time over hashes, so neither the length nor a prefix of the token leaks through timing.</summary>
    public bool Matches(string? presented) =>
        !string.IsNullOrEmpty(presented) && CryptographicOperations.FixedTimeEquals(_hash, SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
}
