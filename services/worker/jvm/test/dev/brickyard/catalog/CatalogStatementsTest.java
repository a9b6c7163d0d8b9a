package dev.brickyard.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CatalogStatementsTest {
  @Test
  void useAndShowCatalogsCallTheirProcedures() {
    assertEquals(
        Optional.of("CALL main.brickyard.use_catalog(name => 'sales')"),
        CatalogStatements.rewrite("use catalog `sales`;"));
    assertEquals(
        Optional.of("CALL main.brickyard.show_catalogs(pattern => CAST(NULL AS STRING))"),
        CatalogStatements.rewrite("SHOW CATALOGS"));
    assertEquals(
        Optional.of("CALL main.brickyard.show_catalogs(pattern => 'ma*|sys*')"),
        CatalogStatements.rewrite("show catalogs like 'ma*|sys*'"));
  }

  @Test
  void showCatalogsPatternsAreSparksLikePatterns() {
    assertTrue(SessionCatalogs.likePattern("ma*|sys*").matcher("SYSTEM").matches());
    assertTrue(SessionCatalogs.likePattern("main").matcher("main").matches());
    assertFalse(SessionCatalogs.likePattern("ma").matcher("main").matches());
    assertFalse(SessionCatalogs.likePattern("m.in").matcher("main").matches());
  }

  @Test
  void createCatalogCallsItsProcedureWithEveryClause() {
    assertEquals(
        Optional.of(
            "CALL main.brickyard.create_catalog(name => 'sales', if_not_exists => true,"
                + " comment => 'it\\'s ours')"),
        CatalogStatements.rewrite("CREATE CATALOG IF NOT EXISTS `sales` COMMENT 'it\\'s ours'"));
    assertEquals(
        Optional.of(
            "CALL main.brickyard.create_catalog(name => 'sales', if_not_exists => false,"
                + " comment => CAST(NULL AS STRING))"),
        CatalogStatements.rewrite("create catalog sales"));
  }

  @Test
  void dropCatalogKeepsCascadeAndIfExists() {
    assertEquals(
        Optional.of("CALL main.brickyard.drop_catalog(name => 'sales', if_exists => true, cascade => true)"),
        CatalogStatements.rewrite("DROP CATALOG IF EXISTS sales CASCADE"));
    assertEquals(
        Optional.of("CALL main.brickyard.drop_catalog(name => 'sales', if_exists => false, cascade => false)"),
        CatalogStatements.rewrite("DROP CATALOG sales RESTRICT"));
  }

  @Test
  void createVolumeIsManagedUnlessItHasALocation() {
    assertEquals(
        Optional.of(
            "CALL main.brickyard.create_volume(name => 'main.raw.landing', if_not_exists => false,"
                + " location => CAST(NULL AS STRING), comment => CAST(NULL AS STRING))"),
        CatalogStatements.rewrite("CREATE VOLUME main.raw.landing"));
    assertEquals(
        Optional.of(
            "CALL main.brickyard.create_volume(name => 'landing', if_not_exists => true,"
                + " location => 's3://bucket/files', comment => 'raw')"),
        CatalogStatements.rewrite(
            "CREATE EXTERNAL VOLUME IF NOT EXISTS landing LOCATION 's3://bucket/files' COMMENT 'raw'"));
  }

  @Test
  void dropVolume() {
    assertEquals(
        Optional.of("CALL main.brickyard.drop_volume(name => 'raw.landing', if_exists => true)"),
        CatalogStatements.rewrite("DROP VOLUME IF EXISTS raw.landing"));
  }

  @Test
  void everythingElseIsLeftToSpark() {
    assertEquals(Optional.empty(), CatalogStatements.rewrite("SELECT 'CREATE CATALOG x'"));
    assertEquals(Optional.empty(), CatalogStatements.rewrite("USE main.default"));
    assertEquals(Optional.empty(), CatalogStatements.rewrite("CREATE CATALOG a b c"));
    assertEquals(Optional.empty(), CatalogStatements.rewrite("CREATE VOLUME a.b.c.d"));
  }

  @Test
  void aNameCannotCloseTheStringItIsQuotedIn() {
    assertEquals(
        Optional.of(
            "CALL main.brickyard.drop_volume(name => 'a.b.c\\'', if_exists => false)"),
        CatalogStatements.rewrite("DROP VOLUME a.b.`c'`"));
  }

  @Test
  void describeAsJsonCallsItsProcedureWhateverTheToolPutFirst() {
    String expected = "CALL main.brickyard.describe_as_json(name => 'main.sales.orders')";
    assertEquals(
        Optional.of(expected),
        CatalogStatements.rewrite("/* {\"app\": \"dbt\"} */\n  DESCRIBE TABLE EXTENDED `main`.`sales`.`orders` AS JSON"));
    assertEquals(
        Optional.of("CALL main.brickyard.describe_as_json(name => 'orders')"),
        CatalogStatements.rewrite("-- columns\ndesc extended orders as json;"));
    assertEquals(Optional.empty(), CatalogStatements.rewrite("DESCRIBE TABLE EXTENDED orders"));
  }
}
