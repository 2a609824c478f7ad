using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: Xunit.TestFramework("Incentives.PostgreSql.Tests.PostgresTestFramework", "Incentives.PostgreSql.Tests")]

namespace Incentives.PostgreSql.Tests;

/// <summary>
/// Reports every test of this assembly as skipped, with the reason, when no PostgreSQL server is reachable (and CI is
/// not true). It works for the [Fact]s and [Property]s inherited from the abstract ledger suites too, which no
/// attribute of ours can reach: the decision is taken at discovery, for each discovered test case.
/// </summary>
public sealed class PostgresTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    /// <inheritdoc />
    protected override ITestFrameworkDiscoverer CreateDiscoverer(IAssemblyInfo assemblyInfo) =>
        new Discoverer(assemblyInfo, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Discoverer(IAssemblyInfo assemblyInfo, ISourceInformationProvider sourceProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkDiscoverer(assemblyInfo, sourceProvider, diagnosticMessageSink)
    {
        protected override bool FindTestsForMethod(
            ITestMethod testMethod, bool includeSourceInformation, IMessageBus messageBus, ITestFrameworkDiscoveryOptions discoveryOptions) =>
            PostgresServer.SkipReason is { } reason
                ? base.FindTestsForMethod(testMethod, includeSourceInformation, new SkippingBus(messageBus, DiagnosticMessageSink, reason), discoveryOptions)
                : base.FindTestsForMethod(testMethod, includeSourceInformation, messageBus, discoveryOptions);
    }

    // Replaces each discovered test case by a skipped one that carries the reason.
    private sealed class SkippingBus(IMessageBus inner, IMessageSink diagnostics, string reason) : IMessageBus
    {
        public bool QueueMessage(IMessageSinkMessage message)
        {
            if (message is ITestCaseDiscoveryMessage discovered)
            {
                var testCase = discovered.TestCase;
                message = new TestCaseDiscoveryMessage(new XunitSkippedDataRowTestCase(
                    diagnostics, TestMethodDisplay.ClassAndMethod, TestMethodDisplayOptions.None, testCase.TestMethod, reason, testCase.TestMethodArguments));
            }

            return inner.QueueMessage(message);
        }

        public void Dispose()
        {
        }
    }
}
