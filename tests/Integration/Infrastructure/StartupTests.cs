namespace Portal.Tests.Integration.Infrastructure;

public sealed class StartupTests : IAsyncLifetime
{
    private string _database = "";

    public async Task InitializeAsync() => _database = await TestStack.CreateDatabaseAsync("startup");

    public Task DisposeAsync() => TestStack.DropDatabaseAsync(_database);

    [Fact]
    public async Task OutsideDevelopment_ThePortalRefusesToStart_WhenMigrationsArePending()
    {
        await using var portal = PortalFactory.For(database: TestStack.DatabaseConnection(_database), environment: "Production");

        var error = Record.Exception(() => portal.CreateClient());

        Assert.NotNull(error);
        var message = error.GetBaseException().Message;
        Assert.Contains("pending migration", message);
        Assert.Contains("migrations/portal.sql", message);
    }

    [Fact]
    public async Task InDevelopment_ThePortalStarts_EvenWithMigrationsPending()
    {
        await using var portal = PortalFactory.For(database: TestStack.DatabaseConnection(_database));
        using var http = portal.CreateClient();

        using var response = await http.GetAsync("/health/db");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}
