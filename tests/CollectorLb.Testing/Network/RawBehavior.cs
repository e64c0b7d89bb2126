namespace CollectorLb.Testing.Network;

/// <summary>
/// What a raw peer (<see cref="RawTcpConnector"/>, <see cref="RawTcpRegistry"/>) does with a request, after reading its
/// headers. "The route's answer" is what the route answers when all is well: <c>{"result":"success"}</c> for
/// <c>/convert</c>, the pong for <c>/ping</c>, the listing for <c>/services</c>.
/// </summary>
public sealed record RawBehavior
{
    private RawBehavior(Act action, string name)
    {
        Action = action;
        Name = name;
    }

    internal enum Act
    {
        Answer,
        StallAfterPartialAnswer,
        StallBeforeAnswer,
        Reset,
        Refuse,
    }

    /// <summary>Reads the whole body and answers 200 with the route's answer.</summary>
    public static RawBehavior Answer { get; } = new(Act.Answer, "answer");

    /// <summary>Reads the whole body, writes 200 headers (Content-Length of the whole answer) and half of the route's answer, then stalls.</summary>
    public static RawBehavior StallAfterPartialJson { get; } = new(Act.StallAfterPartialAnswer, "stall after partial JSON");

    /// <summary>Reads the whole body, then stalls without a byte of answer.</summary>
    public static RawBehavior StallBeforeAnswer { get; } = new(Act.StallBeforeAnswer, "stall before answer");

    /// <summary>Reads the whole body, then resets the connection (RST).</summary>
    public static RawBehavior ResetAfterBody { get; } = new(Act.Reset, "reset after body");

    /// <summary>Stops listening: connections are refused until another behaviour is set.</summary>
    public static RawBehavior Refuse { get; } = new(Act.Refuse, "refuse");

    internal Act Action { get; }

    /// <summary>The answer's status (<see cref="Act.Answer"/> only).</summary>
    internal int Status { get; private init; } = 200;

    /// <summary>The answer's body; null: the route's answer.</summary>
    internal string? Body { get; private init; }

    /// <summary>How long to wait after the body before answering.</summary>
    internal TimeSpan Delay { get; private init; }

    /// <summary>How many bytes of the body to read before acting; null: all of it.</summary>
    internal long? BodyBytes { get; private init; }

    private string Name { get; init; }

    /// <summary>Reads the whole body and answers <paramref name="status"/> with <paramref name="body"/>.</summary>
    public static RawBehavior AnswerWith(int status, string body) => new(Act.Answer, $"answer {status}") { Status = status, Body = body };

    /// <summary>Reads the whole body, waits <paramref name="delay"/>, then answers 200 with the route's answer.</summary>
    public static RawBehavior AnswerAfter(TimeSpan delay) => new(Act.Answer, $"answer after {delay.TotalSeconds} s") { Delay = delay };

    /// <summary>Reads <paramref name="bytes"/> of the body, then resets the connection (RST).</summary>
    public static RawBehavior ResetAfterBodyBytes(long bytes) => new(Act.Reset, $"reset after {bytes} body bytes") { BodyBytes = bytes };

    /// <summary>Reads <paramref name="bytes"/> of the body, then reads no more and stalls.</summary>
    public static RawBehavior StallAfterBodyBytes(long bytes) => new(Act.StallBeforeAnswer, $"stall after {bytes} body bytes") { BodyBytes = bytes };

    public override string ToString() => Name;
}
