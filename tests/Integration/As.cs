using Portal.Domain.Access;

namespace Portal.Tests.Integration;

/// <summary>Callers for tests that are about something other than access: named people with every right.</summary>
internal static class As
{
    public static Caller Admin(string name) => Caller.Of(name, [PortalRole.Admin], []);
}
