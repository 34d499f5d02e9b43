using Primage.Testing;

namespace Primage.Api.Tests.Infrastructure;

/// <summary>One running service shared by a test class.</summary>
public sealed class AppFixture : IAsyncLifetime
{
    public PrimageApp App { get; } = new(PrimageApp.NewDataDirectory());

    public HttpClient Client { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Client = App.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
    }
}
