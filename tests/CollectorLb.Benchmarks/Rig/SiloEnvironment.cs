using System.Globalization;

namespace CollectorLb.Benchmarks.Rig;

/// <summary>
/// The environment variables of a silo process that the benchmark or a test starts: the one place that says how such
/// a silo is configured (the tests use it too). Every one runs under a host id on its own loopback ports (silo and
/// gateway free unless given) with nfcapd off, since the flow files come from the test or benchmark; the rest is
/// added by the caller.
/// </summary>
internal sealed class SiloEnvironment
{
    private readonly Dictionary<string, string> _variables = [];

    public SiloEnvironment(string hostId, int httpPort, int? gatewayPort = null)
    {
        WithSetting("HostId", hostId);
        WithSetting("Nfcapd:Enabled", "false");
        WithSetting("Ports:HttpPort", httpPort);
        WithSetting("Ports:SiloPort", FreePorts.Tcp());
        WithSetting("Ports:GatewayPort", gatewayPort ?? FreePorts.Tcp());
    }

    /// <summary>The DevServices registry on loopback at <paramref name="port"/>.</summary>
    public SiloEnvironment WithRegistry(int port) => WithSetting("Registry:Host", "127.0.0.1").WithSetting("Registry:Port", port);

    /// <summary>The registry on loopback through the old load balancer's variables, so the process tests keep using them.</summary>
    public SiloEnvironment WithLegacyRegistry(int port) =>
        WithVariable("REGISTRY_IP", "127.0.0.1").WithVariable("REGISTRY_PORT", port.ToString(CultureInfo.InvariantCulture));

    /// <summary>Another flow directory than the silo's default (netflows under its working directory).</summary>
    public SiloEnvironment WithFlowDirectory(string path) => WithSetting("FlowDirectory", path);

    /// <summary>Leaves nfcapd at the silo's default (on), for a test of the nfcapd the silo runs.</summary>
    public SiloEnvironment WithNfcapdDefault()
    {
        _variables.Remove(VariableOf("Nfcapd:Enabled"));
        return this;
    }

    /// <summary>A setting under <c>CollectorLb</c> by its configuration key (<c>Pool:Policy</c>).</summary>
    public SiloEnvironment WithSetting(string key, string value) => WithVariable(VariableOf(key), value);

    public SiloEnvironment WithSetting(string key, int value) => WithSetting(key, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Settings under <c>CollectorLb</c> by their configuration keys, as the benchmark scenarios give them.</summary>
    public SiloEnvironment WithSettings(IEnumerable<KeyValuePair<string, string>> settings)
    {
        foreach (var (key, value) in settings)
        {
            WithSetting(key, value);
        }

        return this;
    }

    /// <summary>A variable by its own name; it replaces one set before.</summary>
    public SiloEnvironment WithVariable(string name, string value)
    {
        _variables[name] = value;
        return this;
    }

    public SiloEnvironment WithVariables(IEnumerable<KeyValuePair<string, string>> variables)
    {
        foreach (var (name, value) in variables)
        {
            WithVariable(name, value);
        }

        return this;
    }

    /// <summary>A copy the caller may still change.</summary>
    public Dictionary<string, string> ToVariables() => new(_variables);

    private static string VariableOf(string key) => "CollectorLb__" + key.Replace(":", "__", StringComparison.Ordinal);
}
