using Joules.Core.Plugins.Licensing;

namespace Joules.Core.Tests.Plugins.Licensing;

public class InstallationIdTests
{
    [Fact]
    public void Parses_guid_text_and_refuses_anything_else()
    {
        var id = InstallationId.New();

        InstallationId.Parse($" {id.ToString().ToUpperInvariant()} ").ShouldBe(id);
        InstallationId.TryParse("Stadtwerke-1", out _).ShouldBeFalse();
        InstallationId.TryParse("*", out _).ShouldBeFalse();
        InstallationId.TryParse(Guid.Empty.ToString(), out _).ShouldBeFalse();
        InstallationId.TryParse(null, out _).ShouldBeFalse();
        Should.Throw<FormatException>(() => InstallationId.Parse("x"));
    }

    [Fact]
    public void Is_covered_by_its_own_guid_or_the_development_wildcard_only()
    {
        var id = InstallationId.New();

        id.IsCoveredBy(id.ToString()).ShouldBeTrue();
        id.IsCoveredBy(InstallationId.Any).ShouldBeTrue();
        id.IsCoveredBy(InstallationId.New().ToString()).ShouldBeFalse();
        id.IsCoveredBy("").ShouldBeFalse();
    }
}
