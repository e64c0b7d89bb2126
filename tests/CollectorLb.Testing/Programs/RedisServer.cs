using CollectorLb.Testing.Network;
using CollectorLb.Testing.Silos;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.Testing.Programs;

/// <summary>A throw-away <c>redis-server</c> on a free loopback port, without persistence; killed on dispose.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly SiloProcess _process;

    private RedisServer(SiloProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>StackExchange.Redis configuration string, as <c>CollectorLb:Cluster:RedisConnectionString</c> takes it.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public string Output => _process.Output;

    public static async Task<RedisServer> StartAsync()
    {
        var port = FreePorts.Tcp();
        var process = SiloProcess.StartProgram(Environment.CurrentDirectory, new Dictionary<string, string>(), "redis-server",
        [
            "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty,
            "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning",
        ]);
        var server = new RedisServer(process, port);
        try
        {
            await Eventually.TrueAsync(server.AnswersPingAsync, () => $"redis-server answers PING on port {port}; output:\n{server.Output}", StartTimeout);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private async Task<bool> AnswersPingAsync()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"redis-server exited with code {_process.ExitCode}:\n{Output}");
        }

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
