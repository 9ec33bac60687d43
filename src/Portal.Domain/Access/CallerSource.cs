namespace Portal.Domain.Access;

public static class CallerSource
{
    public const string Ui = "ui";
    public const string Api = "api";
    public const string System = "system";
}
