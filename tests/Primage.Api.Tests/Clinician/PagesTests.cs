using System.Net;
using System.Text.RegularExpressions;
using Primage.Api.Tests.Infrastructure;

namespace Primage.Api.Tests.Clinician;

/// <summary>The docs and clinician pages are served anonymously from bundled assets, with no URL off the service.</summary>
public sealed partial class PagesTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("/clinician/")]
    [InlineData("/docs")]
    public async Task PageAndEveryAssetItLoadsAreServedLocallyWithoutAToken(string path)
    {
        using var anonymous = fixture.App.CreateAnonymousClient();
        var response = await anonymous.GetAsync(path);
        for (var hops = 0; hops < 3 && response.StatusCode is HttpStatusCode.Found or HttpStatusCode.MovedPermanently; hops++)
        {
            path = new Uri(new Uri("http://localhost" + path), response.Headers.Location!).AbsolutePath;
            response = await anonymous.GetAsync(path);
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        var sources = SourceAttribute().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(sources);
        foreach (var source in sources)
        {
            Assert.False(source.StartsWith("http", StringComparison.OrdinalIgnoreCase) || source.StartsWith("//", StringComparison.Ordinal), $"{path} loads {source} from elsewhere");
            var asset = await anonymous.GetAsync(new Uri(new Uri("http://localhost" + path), source));
            Assert.True(asset.StatusCode == HttpStatusCode.OK, $"{source}: {(int)asset.StatusCode}");
            Assert.True((await asset.Content.ReadAsByteArrayAsync()).Length > 100, $"{source} is empty");
        }
    }

    [Fact]
    public async Task TheClinicianScriptCallsOnlyThisService()
    {
        using var anonymous = fixture.App.CreateAnonymousClient();
        var script = await anonymous.GetStringAsync("/clinician/app.js");
        Assert.DoesNotMatch(@"https?://(?!www\.w3\.org/2000/svg)", script);
        Assert.Contains("Authorization", script, StringComparison.Ordinal);
    }

    [GeneratedRegex("(?:src|href)=\"([^\"#]+)\"")]
    private static partial Regex SourceAttribute();
}
