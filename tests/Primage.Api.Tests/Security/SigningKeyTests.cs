using Microsoft.Extensions.Configuration;
using Primage.Api.Security;
using Primage.Testing;

namespace Primage.Api.Tests.Security;

public sealed class SigningKeyTests
{
    private static IConfiguration DataDirectory(string directory) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Primage:DataDirectory"] = directory }).Build();

    [Fact]
    public void WithoutAConfiguredKeyOneIsGeneratedIntoTheDataDirectoryAndReused()
    {
        var directory = PrimageApp.NewDataDirectory();
        var first = SigningKeys.Resolve(new SecurityOptions(), DataDirectory(directory));
        var second = SigningKeys.Resolve(new SecurityOptions(), DataDirectory(directory));
        Assert.Equal(64, first.Key.Length);
        Assert.Equal(first.Key, second.Key);
        var file = Path.Combine(directory, SecurityOptions.KeyFileName);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }

    [Theory]
    [InlineData("c2hvcnQ=", "at least 32")]          // "short": 5 bytes
    [InlineData("not base64 at all!", "not base64")]
    public void AShortOrMalformedConfiguredKeyIsRefusedWithAReason(string key, string reason)
    {
        var error = Assert.Throws<InvalidOperationException>(() => SigningKeys.Resolve(new SecurityOptions { SigningKey = key }, DataDirectory(PrimageApp.NewDataDirectory())));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATokenIssuedBeforeARestartIsAcceptedAfterIt()
    {
        var directory = PrimageApp.NewDataDirectory();
        string token;
        await using (var first = new PrimageApp(directory))
        {
            token = first.Token("clinician", "lafe");
            using var client = first.CreateAnonymousClient();
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/api/twins")).StatusCode);
        }

        await using var second = new PrimageApp(directory);
        using var again = second.CreateAnonymousClient();
        again.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await again.GetAsync("/api/twins")).StatusCode);
    }
}
