# Databricks notebook source
answer = 6 * 7

# COMMAND ----------

dbutils.notebook.exit(str(answer))
