// The BI suite through pgjdbc (Debian's libpostgresql-jdbc-java), as a BI
// reader: compiled at test time with javac against /usr/share/java/postgresql.jar.
//
//   java -cp /usr/share/java/postgresql.jar:DIR BiSuite JDBC_URL QUERIES.tsv OUT.jsonl
//
// QUERIES.tsv comes from suite.py (id, kind, params, sql).  Each query runs
// as a PreparedStatement with setString / setBigDecimal / setInt, the way a
// BI tool binds filter values; "typed" queries (a bare string parameter to a
// function of an extension type) run on a second connection with
// stringtype=unspecified, as the pgjdbc documentation says to.  One JSON line
// per query: the columns, the rows as getString gives them and the Java
// class of each column's getObject values, or the error's SQLSTATE, message
// and detail; then per view the DatabaseMetaData.getColumns metadata
// (TYPE_NAME, DATA_TYPE as a java.sql.JDBCType name, REMARKS).
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.JDBCType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

public class BiSuite {
    static final String[] VIEWS = {"taxonomy_tree", "taxonomy_ancestors", "role_card", "role_components",
        "role_aliases", "role_mappings", "role_soc", "role_adjacency", "soc_hierarchy"};

    static String json(String s) {
        if (s == null) return "null";
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default:
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
            }
        }
        return b.append('"').toString();
    }

    static String jsonList(List<String> items) {
        return "[" + String.join(",", items) + "]";
    }

    static void bind(PreparedStatement ps, String params) throws SQLException {
        if (params.isEmpty()) return;
        int i = 1;
        for (String p : params.split("\\|", -1)) {
            String t = p.substring(0, 1), v = p.substring(2);
            switch (t) {
                case "s": ps.setString(i, v); break;
                case "d": ps.setBigDecimal(i, new BigDecimal(v)); break;
                case "i": ps.setInt(i, Integer.parseInt(v)); break;
                default: throw new IllegalArgumentException("parameter type " + t);
            }
            i++;
        }
    }

    static String error(SQLException e) {
        String message = e.getMessage(), detail = null;
        if (e instanceof PSQLException && ((PSQLException) e).getServerErrorMessage() != null) {
            ServerErrorMessage m = ((PSQLException) e).getServerErrorMessage();
            message = m.getMessage();
            detail = m.getDetail();
        }
        return "{\"sqlstate\":" + json(e.getSQLState()) + ",\"message\":" + json(message)
            + ",\"detail\":" + json(detail) + "}";
    }

    static String scalar(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        List<String[]> queries = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(Paths.get(args[1]), StandardCharsets.UTF_8)) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isEmpty()) queries.add(line.split("\t", -1));
            }
        }
        String sep = url.contains("?") ? "&" : "?";
        try (Connection conn = DriverManager.getConnection(url);
             Connection typed = DriverManager.getConnection(url + sep + "stringtype=unspecified");
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(Paths.get(args[2]), StandardCharsets.UTF_8))) {
            out.println("{\"id\":\"session\",\"search_path\":" + json(scalar(conn, "SHOW search_path"))
                + ",\"user\":" + json(scalar(conn, "SELECT current_user"))
                + ",\"driver\":" + json(conn.getMetaData().getDriverName() + " " + conn.getMetaData().getDriverVersion()) + "}");
            for (String[] q : queries) {
                String id = q[0], kind = q[1], params = q[2], sql = q[3];
                Connection c = kind.equals("typed") ? typed : conn;
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    bind(ps, params);
                    try (ResultSet rs = ps.executeQuery()) {
                        ResultSetMetaData md = rs.getMetaData();
                        int n = md.getColumnCount();
                        List<String> cols = new ArrayList<>();
                        List<TreeSet<String>> classes = new ArrayList<>();
                        for (int i = 1; i <= n; i++) {
                            cols.add(json(md.getColumnLabel(i)));
                            classes.add(new TreeSet<>());
                        }
                        List<String> rows = new ArrayList<>();
                        while (rs.next()) {
                            List<String> row = new ArrayList<>();
                            for (int i = 1; i <= n; i++) {
                                row.add(json(rs.getString(i)));
                                Object o = rs.getObject(i);
                                if (o != null) classes.get(i - 1).add(o.getClass().getSimpleName());
                            }
                            rows.add(jsonList(row));
                        }
                        List<String> types = new ArrayList<>();
                        for (TreeSet<String> s : classes) {
                            List<String> t = new ArrayList<>();
                            for (String x : s) t.add(json(x));
                            types.add(jsonList(t));
                        }
                        out.println("{\"id\":" + json(id) + ",\"columns\":" + jsonList(cols) + ",\"rows\":"
                            + jsonList(rows) + ",\"types\":" + jsonList(types) + "}");
                    }
                } catch (SQLException e) {
                    out.println("{\"id\":" + json(id) + ",\"error\":" + error(e) + "}");
                }
            }
            DatabaseMetaData dmd = conn.getMetaData();
            for (String v : VIEWS) {
                List<String> cols = new ArrayList<>();
                try (ResultSet rs = dmd.getColumns(null, "roleext", v, "%")) {
                    while (rs.next()) {
                        int t = rs.getInt("DATA_TYPE");
                        String tname;
                        try {
                            tname = JDBCType.valueOf(t).getName();
                        } catch (IllegalArgumentException e) {
                            tname = Integer.toString(t);
                        }
                        cols.add("{\"name\":" + json(rs.getString("COLUMN_NAME")) + ",\"type\":" + json(rs.getString("TYPE_NAME"))
                            + ",\"sql_type\":" + json(tname) + ",\"remarks\":" + json(rs.getString("REMARKS")) + "}");
                    }
                }
                out.println("{\"id\":" + json("meta." + v) + ",\"columns\":" + jsonList(cols) + "}");
            }
        }
    }
}
