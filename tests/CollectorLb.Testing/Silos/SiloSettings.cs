using CollectorLb.Testing.Network;

namespace CollectorLb.Testing.Silos;

/// <summary>
/// The settings of a silo that a test or the benchmark starts: the one place that says how such a silo is configured,
/// whether it runs as a process (<see cref="ToEnvironment"/>) or in a TestingHost cluster (<see cref="ToConfiguration"/>).
/// Every one serves a host id with nfcapd off, since the flow files come from the test or the benchmark; it runs on the
/// silo's own defaults unless <see cref="WithFastTimings"/> is asked for; the rest is added by the caller.
/// </summary>
public sealed class SiloSettings
{
    private const string Prefix = "CollectorLb__";

    /// <summary>By environment variable name, so a variable given by its own name replaces the setting it spells.</summary>
    private readonly Dictionary<string, string> _variables = [];

    public SiloSettings(string hostId)
    {
        With("HostId", hostId);
        With("Nfcapd:Enabled", "false");
    }

    /// <summary>
    /// What makes a test silo quick without changing what it does: rescans, retries and the registry's refresh in a
    /// second or less, files copied in counted as complete after 0.3 s, a registry or a connector that does not
    /// answer (or accept) within a second counted as down.
    /// </summary>
    public static IReadOnlyDictionary<string, string> FastTimings { get; } = new Dictionary<string, string>
    {
        ["Watcher:RescanSeconds"] = "1",
        ["Watcher:StableSeconds"] = "0.3",
        ["Delivery:RetryBaseDelaySeconds"] = "0.2",
        ["Delivery:RetryMaxDelaySeconds"] = "1",
        ["Delivery:NoConnectorRetrySeconds"] = "0.3",
        ["Pool:RegistryRefreshSeconds"] = "1",
        ["Registry:TimeoutSeconds"] = "1",
        ["Upload:ConnectTimeoutSeconds"] = "1",
    };

    public SiloSettings WithFastTimings() => With(FastTimings);

    /// <summary>A process's own loopback ports: HTTP at <paramref name="httpPort"/>, silo and gateway free unless given.</summary>
    public SiloSettings WithPorts(int httpPort, int? gatewayPort = null) =>
        With("Ports:HttpPort", httpPort)
            .With("Ports:SiloPort", FreePorts.Tcp())
            .With("Ports:GatewayPort", gatewayPort ?? FreePorts.Tcp());

    /// <summary>The DevServices registry on loopback at <paramref name="port"/>.</summary>
    public SiloSettings WithRegistry(int port) => With("Registry:Host", "127.0.0.1").With("Registry:Port", port);

    /// <summary>The registry on loopback through the old load balancer's variables (a process only), so the process tests keep using them.</summary>
    public SiloSettings WithLegacyRegistry(int port) =>
        WithVariable("REGISTRY_IP", "127.0.0.1").WithVariable("REGISTRY_PORT", port.ToString(CultureInfo.InvariantCulture));

    /// <summary>Another flow directory than the silo's default (netflows under its working directory).</summary>
    public SiloSettings WithFlowDirectory(string path) => With("FlowDirectory", path);

    /// <summary>Leaves nfcapd at the silo's default (on), for a test of the nfcapd the silo runs.</summary>
    public SiloSettings WithNfcapdDefault()
    {
        _variables.Remove(VariableOf("Nfcapd:Enabled"));
        return this;
    }

    /// <summary>A setting under <c>CollectorLb</c> by its configuration key (<c>Pool:Policy</c>); it replaces one set before.</summary>
    public SiloSettings With(string key, string value) => WithVariable(VariableOf(key), value);

    public SiloSettings With(string key, int value) => With(key, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Settings under <c>CollectorLb</c> by their configuration keys, as the benchmark scenarios give them.</summary>
    public SiloSettings With(IEnumerable<KeyValuePair<string, string>> settings)
    {
        foreach (var (key, value) in settings)
        {
            With(key, value);
        }

        return this;
    }

    /// <summary>An environment variable by its own name; it replaces one set before.</summary>
    public SiloSettings WithVariable(string name, string value)
    {
        _variables[name] = value;
        return this;
    }

    public SiloSettings WithVariables(IEnumerable<KeyValuePair<string, string>> variables)
    {
        foreach (var (name, value) in variables)
        {
            WithVariable(name, value);
        }

        return this;
    }

    /// <summary>The environment of a silo process; a copy the caller may still change.</summary>
    public Dictionary<string, string> ToEnvironment() => new(_variables);

    /// <summary>
    /// The configuration of an in-process silo (<c>CollectorLb:Pool:Policy</c>, ...); a copy the caller may still change.
    /// Variables that are not settings (the old load balancer's) reach only a process, so they are refused here.
    /// </summary>
    public Dictionary<string, string?> ToConfiguration()
    {
        var configuration = new Dictionary<string, string?>();
        foreach (var (name, value) in _variables)
        {
            if (!name.StartsWith(Prefix, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{name} is an environment variable, not a setting: an in-process silo cannot be given it.");
            }

            configuration[name.Replace("__", ":", StringComparison.Ordinal)] = value;
        }

        return configuration;
    }

    private static string VariableOf(string key) => Prefix + key.Replace(":", "__", StringComparison.Ordinal);
}
