namespace Ktp.Domain; public static class Marker { }
