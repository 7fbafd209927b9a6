package org.cerise.examples.tut10;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.cerise.api.Config;
import org.cerise.api.Expose;
import org.cerise.api.Param;
import org.cerise.api.Session;
import org.cerise.examples.support.Python;

/**
 * Tutorial 9's web service (tutorial 10 keeps it): the verbs of tutorial 8, on the table {@code user_string}, one row
 * per session id. As in the tutorial, each call opens its own connection, and the session only
 * carries a time stamp ({@code ts}), so that it is kept between requests.
 */
@Expose
public class StringGeneratorWebService {

    private final Database database;

    StringGeneratorWebService(Database database) {
        this.database = database;
    }

    /**
     * @param session the visitor's session
     * @return the session's string, or nothing (an empty body) when it has none, as the
     *         tutorial's {@code r.fetchone()}
     * @throws SQLException if the database fails (a 500, as the tutorial's sqlite3 errors)
     */
    @Config({"tools.accept.on = True", "tools.accept.media = 'text/plain'"})
    public String GET(Session session) throws SQLException {
        try (Connection c = database.connect();
                PreparedStatement select = c.prepareStatement("SELECT value FROM user_string WHERE session_id=?")) {
            session.put("ts", now());
            select.setString(1, session.id());
            try (ResultSet r = select.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    /**
     * @param length  how many characters, converted with Python's {@code int()} rules
     * @param session the visitor's session
     * @return distinct random characters of {@code 0-9a-fA-F}, also stored for the session
     * @throws SQLException if the database fails
     */
    public String POST(@Param(defaultValue = "8") Object length, Session session) throws SQLException {
        String someString = Python.sampleHexDigits(Python.toInt(length));
        try (Connection c = database.connect();
                PreparedStatement insert = c.prepareStatement("INSERT INTO user_string VALUES (?, ?)")) {
            session.put("ts", now());
            insert.setString(1, session.id());
            insert.setString(2, someString);
            insert.executeUpdate();
        }
        return someString;
    }

    /**
     * @param anotherString the string to store instead
     * @param session       the visitor's session
     * @throws SQLException if the database fails
     */
    public void PUT(@Param("another_string") String anotherString, Session session) throws SQLException {
        try (Connection c = database.connect();
                PreparedStatement update = c.prepareStatement("UPDATE user_string SET value=? WHERE session_id=?")) {
            session.put("ts", now());
            update.setString(1, anotherString);
            update.setString(2, session.id());
            update.executeUpdate();
        }
    }

    /**
     * @param session the visitor's session
     * @throws SQLException if the database fails
     */
    public void DELETE(Session session) throws SQLException {
        session.remove("ts");
        try (Connection c = database.connect();
                PreparedStatement delete = c.prepareStatement("DELETE FROM user_string WHERE session_id=?")) {
            delete.setString(1, session.id());
            delete.executeUpdate();
        }
    }

    /** Python's {@code time.time()}. */
    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }
}
