using System.Runtime.CompilerServices;
using Bunit;

namespace Joules.Host.Tests.Infrastructure;

/// <summary>bUnit's waits give components 15 s instead of 1 s: the suite runs on two shared cores, where a real credit
/// check or a database round trip behind a click can take longer than a second. A wait still ends as soon as its
/// assertion holds, so passing tests are not slower.</summary>
internal static class BunitDefaults
{
    [ModuleInitializer]
    internal static void Apply() => BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(15);
}
