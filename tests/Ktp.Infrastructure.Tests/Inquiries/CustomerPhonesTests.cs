using Ktp.Infrastructure.Inquiries;

namespace Ktp.Infrastructure.Tests.Inquiries;

public sealed class CustomerPhonesTests
{
    [Theory]
    [InlineData("8 (916) 123-45-67")]
    [InlineData("+7 916 1234567")]
    [InlineData("79161234567")]
    [InlineData("89161234567")]
    [InlineData("9161234567")]
    [InlineData("+7 (916) 123-45-67")]
    [InlineData("  8-916-123-45-67 ")]
    [InlineData("+7.916.123.45.67")]
    public void Every_written_form_of_a_Russian_mobile_becomes_the_same_E164(string written) =>
        CustomerPhones.ToE164(written).ShouldBe("+79161234567");

    [Theory]
    [InlineData("8 (495) 777-00-11", "+74957770011")]
    [InlineData("+44 20 7946 0958", "+442079460958")]
    [InlineData("+380 44 123 4567", "+380441234567")]
    public void Landlines_and_foreign_numbers_keep_their_country(string written, string e164) =>
        CustomerPhones.ToE164(written).ShouldBe(e164);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("abc")]
    [InlineData("12")]
    [InlineData("Иванов")]
    [InlineData("Д-1001")]
    [InlineData("123")]
    [InlineData("+7 916 12")]
    [InlineData("1234567890123456789")]
    [InlineData("call me 8 916 123 45 67")]
    public void Garbage_is_not_a_phone(string? written) => CustomerPhones.ToE164(written).ShouldBeNull();

    [Fact]
    public void What_is_not_a_phone_is_stored_as_written()
    {
        CustomerPhones.Normalize(" 8 (916) 123-45-67 ").ShouldBe("+79161234567");
        CustomerPhones.Normalize(" доб. 12 ").ShouldBe("доб. 12");
        CustomerPhones.Normalize("  ").ShouldBeNull();
    }

    [Fact]
    public void A_stored_phone_reads_in_groups() => CustomerPhones.Display("+79161234567").ShouldBe("+7 916 123-45-67");
}
