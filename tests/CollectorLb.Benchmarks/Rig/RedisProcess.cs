using System.Net.Sockets;
using System.Text;
using CollectorLb.Testing.Network;

namespace CollectorLb.Benchmarks.Rig;

/// <summary>A throw-away <c>redis-server</c> on a free loopback port, without persistence, for a cluster's membership, grain state and reminders; killed on dispose.</summary>
internal sealed class RedisProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RedisProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Port { get; }

    /// <summary>StackExchange.Redis configuration string.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>CPU the server used so far (it runs beside the cluster on the same cores).</summary>
    public TimeSpan Cpu => CpuMeter.Of(_process.Id);

    public static async Task<RedisProcess> StartAsync()
    {
        var port = FreePorts.Tcp();
        var startInfo = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
                 {
                     "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty,
                     "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning",
                 })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var redis = new RedisProcess(Process.Start(startInfo) ?? throw new InvalidOperationException("redis-server did not start"), port);
        try
        {
            var deadline = Stopwatch.GetTimestamp() + (long)(StartTimeout.TotalSeconds * Stopwatch.Frequency);
            while (!await redis.AnswersPingAsync())
            {
                if (redis._process.HasExited || Stopwatch.GetTimestamp() > deadline)
                {
                    throw new InvalidOperationException($"redis-server did not answer PING on port {port}: {redis.Output}");
                }

                await Task.Delay(50);
            }

            return redis;
        }
        catch
        {
            await redis.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
