using System.Text;

namespace CityCoop.Server.Tests.Input;

/// <summary>
/// One malformed request of the sweep and the refusal it must get: status, problem <c>code</c> and <c>field</c>.
/// <see cref="As"/> is the demo user sending it (null: anonymous); the path may name <c>{draft}</c>,
/// <c>{platform-matching}</c>, <c>{ministry-approval}</c> or <c>{fund-execution}</c>; a body is sent as <see cref="ContentType"/>.
/// </summary>
public sealed record BadRequest(string Name, string? As, string Method, string Path, byte[]? Body, string Code, string? Field, int Status = 400, string ContentType = "application/json")
{
    /// <summary>A request with a JSON body given as text (JSON escapes such as <c>\u0000</c> stay escapes).</summary>
    public static BadRequest Json(string name, string? user, string method, string path, string json, string code, string? field) =>
        new(name, user, method, path, Encoding.UTF8.GetBytes(json), code, field);

    /// <summary>A request without a body.</summary>
    public static BadRequest Get(string name, string? user, string path, string code, string? field) =>
        new(name, user, "GET", path, null, code, field);

    /// <inheritdoc/>
    public override string ToString() => Name;
}
