namespace CollectorLb.DevServices.Registry;

/// <summary>How a <see cref="RegistryServer"/> answers; switchable at runtime for fault tests.</summary>
public enum RegistryBehavior
{
    /// <summary>Speaks the protocol as the real Registry Service does.</summary>
    Normal,

    /// <summary><c>GET /services</c> answers 404, as older registries that only had <c>/target</c>.</summary>
    ServicesNotServed,

    /// <summary>Every route answers 500.</summary>
    Fail500,

    /// <summary>Every route answers 200 with the body <c>&lt;html&gt;oops&lt;/html&gt;</c>.</summary>
    NotJson,

    /// <summary>Every route waits <see cref="RegistryServerOptions.SlowDelay"/> and then answers normally.</summary>
    Slow,

    /// <summary><c>GET /services</c> streams a valid JSON object of about <see cref="RegistryServerOptions.HugeBodyBytes"/> bytes.</summary>
    HugeBody,

    /// <summary>The map looks empty: <c>/services</c> answers <c>{}</c> and <c>/target</c> answers 400.</summary>
    Empty,
}
