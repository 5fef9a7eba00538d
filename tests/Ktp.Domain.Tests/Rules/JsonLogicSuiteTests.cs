using System.Text.Json.Nodes;
using Ktp.Domain.Rules.JsonLogic;

namespace Ktp.Domain.Tests.Rules;

/// <summary>The official JsonLogic test suite (jsonlogic.com/tests.json), run unchanged.</summary>
public class JsonLogicSuiteTests
{
    private const int OfficialCaseCount = 277;

    public static TheoryData<int, string, string, string> Cases()
    {
        var suite = JsonNode.Parse(File.ReadAllText(TestFixtures.PathTo("fixtures", "jsonlogic", "tests.json")))!.AsArray();
        var cases = new TheoryData<int, string, string, string>();
        var number = 0;
        // Plain strings in the suite are section headers; every other entry is [rule, data, expected].
        foreach (var entry in suite.OfType<JsonArray>())
            cases.Add(++number, Json(entry[0]), Json(entry[1]), Json(entry[2]));
        return cases;
    }

    [Fact]
    public void Suite_fixture_holds_every_official_case() => Cases().Count().ShouldBe(OfficialCaseCount);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Official_case_evaluates_to_expected_result(int number, string rule, string data, string expected)
    {
        _ = number; // only there to tell the cases apart in test output

        var result = JsonLogicRule.Parse(rule).Evaluate(JsonNode.Parse(data));

        result.ShouldEqualJson(JsonNode.Parse(expected));
    }

    private static string Json(JsonNode? node) => node?.ToJsonString() ?? "null";
}
