namespace CollectorLb.DevServices.Connector;

/// <summary>How a <see cref="ConnectorServer"/> answers <c>POST /convert</c>; switchable at runtime.</summary>
public enum ConnectorMode
{
    /// <summary>Stores the body and answers 200 <c>{"result":"success"}</c>.</summary>
    Success,

    /// <summary>Answers 400 <c>{"result":"error","message":"simulated error"}</c>; nothing is stored.</summary>
    Error,

    /// <summary>Answers 500; nothing is stored.</summary>
    Fail500,

    /// <summary>Never answers: the request stays open until the client gives up or the server stops (then the connection is aborted).</summary>
    Hang,

    /// <summary>Waits <see cref="ConnectorServer.Delay"/>, then behaves as <see cref="Success"/>.</summary>
    Slow,

    /// <summary>Answers 200 with <c>{"result":"error","message":"simulated"}</c>; nothing is stored.</summary>
    SuccessButErrorResult,

    /// <summary>Answers 200 with the plain-text body <c>ok</c>; nothing is stored.</summary>
    NotJson,

    /// <summary>Drains the body, then answers 307 to another host: a sender must not follow it nor count it as delivered.</summary>
    Redirect,

    /// <summary>Reads part of the body, then closes the connection: an upload cut mid-body.</summary>
    ResetMidBody,

    /// <summary>Stores the whole body, then resets the connection without an answer: the sender cannot tell that it was stored.</summary>
    ResetAfterBody,

    /// <summary>Stores the body, then waits <see cref="ConnectorServer.Delay"/> before it acknowledges: a sender that gave up meanwhile cannot tell.</summary>
    SlowAfterBody,

    /// <summary>Answers 503 <c>{"result":"error","message":"unavailable"}</c>: the connector is up but cannot take files now.</summary>
    Unavailable,
}
