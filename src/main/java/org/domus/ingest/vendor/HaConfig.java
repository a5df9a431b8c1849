package org.domus.ingest.vendor;

import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Home Assistant discovery payload with its abbreviations spelled out (at the root, in {@code device},
 * {@code origin}, {@code availability} entries and device-discovery components) and the {@code ~} base topic
 * substituted in every {@code …_topic} key. Pure and thread-safe.
 */
final class HaConfig {

    private HaConfig() {
    }

    static ObjectNode expand(JsonNode config) {
        ObjectNode expanded = rename(config, KEYS);
        JsonNode device = expanded.get("device");
        if (device != null && device.isObject()) {
            expanded.set("device", rename(device, DEVICE_KEYS));
        }
        JsonNode origin = expanded.get("origin");
        if (origin != null && origin.isObject()) {
            expanded.set("origin", rename(origin, ORIGIN_KEYS));
        }
        JsonNode availability = expanded.get("availability");
        if (availability != null && availability.isArray()) {
            ArrayNode list = Values.JSON.createArrayNode();
            for (JsonNode entry : availability) {
                list.add(entry.isObject() ? rename(entry, KEYS) : entry);
            }
            expanded.set("availability", list);
        }
        JsonNode components = expanded.get("components");
        if (components != null && components.isObject()) {
            ObjectNode out = Values.JSON.createObjectNode();
            components.properties().forEach(c -> out.set(c.getKey(), c.getValue().isObject()
                    ? expandComponent(c.getValue(), expanded.path("~").asText(null)) : c.getValue()));
            expanded.set("components", out);
        }
        String base = expanded.path("~").asText(null);
        if (base != null) {
            substitute(expanded, base);
        }
        return expanded;
    }

    private static JsonNode expandComponent(JsonNode component, String parentBase) {
        ObjectNode expanded = rename(component, KEYS);
        String base = expanded.path("~").asText(parentBase);
        if (base != null) {
            substitute(expanded, base);
        }
        return expanded;
    }

    private static ObjectNode rename(JsonNode node, Map<String, String> keys) {
        ObjectNode out = Values.JSON.createObjectNode();
        node.properties().forEach(field -> out.set(keys.getOrDefault(field.getKey(), field.getKey()), field.getValue()));
        return out;
    }

    private static void substitute(ObjectNode config, String base) {
        config.properties().forEach(field -> {
            if ((field.getKey().endsWith("_topic") || field.getKey().equals("topic")) && field.getValue().isTextual()) {
                String topic = field.getValue().textValue();
                if (topic.startsWith("~")) {
                    topic = base + topic.substring(1);
                } else if (topic.endsWith("~")) {
                    topic = topic.substring(0, topic.length() - 1) + base;
                }
                field.setValue(Values.JSON.getNodeFactory().textNode(topic));
            }
        });
        JsonNode availability = config.get("availability");
        if (availability != null && availability.isArray()) {
            for (JsonNode entry : availability) {
                if (entry.isObject()) {
                    substitute((ObjectNode) entry, base);
                }
            }
        }
    }

    private static final Map<String, String> DEVICE_KEYS = Map.ofEntries(
            Map.entry("cu", "configuration_url"), Map.entry("cns", "connections"), Map.entry("ids", "identifiers"),
            Map.entry("mf", "manufacturer"), Map.entry("mdl", "model"), Map.entry("mdl_id", "model_id"),
            Map.entry("hw", "hw_version"), Map.entry("sw", "sw_version"), Map.entry("sa", "suggested_area"),
            Map.entry("sn", "serial_number"));

    private static final Map<String, String> ORIGIN_KEYS = Map.of("sw", "sw_version", "url", "support_url");

    /** The abbreviations of the discovery payload (home-assistant/core, mqtt/abbreviations.py). */
    private static final Map<String, String> KEYS = Map.ofEntries(
            Map.entry("act_t", "action_topic"), Map.entry("act_tpl", "action_template"),
            Map.entry("avty", "availability"), Map.entry("avty_mode", "availability_mode"),
            Map.entry("avty_t", "availability_topic"), Map.entry("avty_tpl", "availability_template"),
            Map.entry("bri_cmd_t", "brightness_command_topic"), Map.entry("bri_cmd_tpl", "brightness_command_template"),
            Map.entry("bri_scl", "brightness_scale"), Map.entry("bri_stat_t", "brightness_state_topic"),
            Map.entry("bri_tpl", "brightness_template"), Map.entry("bri_val_tpl", "brightness_value_template"),
            Map.entry("clr_temp_cmd_t", "color_temp_command_topic"),
            Map.entry("clr_temp_cmd_tpl", "color_temp_command_template"),
            Map.entry("clr_temp_stat_t", "color_temp_state_topic"),
            Map.entry("clr_temp_val_tpl", "color_temp_value_template"),
            Map.entry("clrm", "color_mode"), Map.entry("clrm_stat_t", "color_mode_state_topic"),
            Map.entry("cmd_off_tpl", "command_off_template"), Map.entry("cmd_on_tpl", "command_on_template"),
            Map.entry("cmd_t", "command_topic"), Map.entry("cmd_tpl", "command_template"),
            Map.entry("cmps", "components"),
            Map.entry("curr_hum_t", "current_humidity_topic"), Map.entry("curr_hum_tpl", "current_humidity_template"),
            Map.entry("curr_temp_t", "current_temperature_topic"),
            Map.entry("curr_temp_tpl", "current_temperature_template"),
            Map.entry("dev", "device"), Map.entry("dev_cla", "device_class"), Map.entry("e", "encoding"),
            Map.entry("en", "enabled_by_default"), Map.entry("ent_cat", "entity_category"),
            Map.entry("exp_aft", "expire_after"), Map.entry("frc_upd", "force_update"),
            Map.entry("fx_cmd_t", "effect_command_topic"), Map.entry("fx_list", "effect_list"),
            Map.entry("fx_stat_t", "effect_state_topic"),
            Map.entry("hs_cmd_t", "hs_command_topic"), Map.entry("hs_stat_t", "hs_state_topic"),
            Map.entry("hs_val_tpl", "hs_value_template"), Map.entry("ic", "icon"),
            Map.entry("json_attr", "json_attributes"), Map.entry("json_attr_t", "json_attributes_topic"),
            Map.entry("json_attr_tpl", "json_attributes_template"),
            Map.entry("max_mirs", "max_mireds"), Map.entry("min_mirs", "min_mireds"),
            Map.entry("max_hum", "max_humidity"), Map.entry("min_hum", "min_humidity"),
            Map.entry("migr_discvry", "migrate_discovery"),
            Map.entry("mode_cmd_t", "mode_command_topic"), Map.entry("mode_cmd_tpl", "mode_command_template"),
            Map.entry("mode_stat_t", "mode_state_topic"), Map.entry("mode_stat_tpl", "mode_state_template"),
            Map.entry("o", "origin"), Map.entry("obj_id", "object_id"), Map.entry("off_dly", "off_delay"),
            Map.entry("ops", "options"), Map.entry("opt", "optimistic"),
            Map.entry("p", "platform"),
            Map.entry("pct_cmd_t", "percentage_command_topic"), Map.entry("pct_cmd_tpl", "percentage_command_template"),
            Map.entry("pct_stat_t", "percentage_state_topic"), Map.entry("pct_val_tpl", "percentage_value_template"),
            Map.entry("pl", "payload"), Map.entry("pl_avail", "payload_available"),
            Map.entry("pl_cls", "payload_close"), Map.entry("pl_lock", "payload_lock"),
            Map.entry("pl_not_avail", "payload_not_available"), Map.entry("pl_off", "payload_off"),
            Map.entry("pl_on", "payload_on"), Map.entry("pl_open", "payload_open"),
            Map.entry("pl_stop", "payload_stop"), Map.entry("pl_unlk", "payload_unlock"),
            Map.entry("pos_clsd", "position_closed"), Map.entry("pos_open", "position_open"),
            Map.entry("pos_t", "position_topic"), Map.entry("pos_tpl", "position_template"),
            Map.entry("pow_cmd_t", "power_command_topic"),
            Map.entry("pr_mode_cmd_t", "preset_mode_command_topic"), Map.entry("pr_modes", "preset_modes"),
            Map.entry("ret", "retain"),
            Map.entry("rgb_cmd_t", "rgb_command_topic"), Map.entry("rgb_cmd_tpl", "rgb_command_template"),
            Map.entry("rgb_stat_t", "rgb_state_topic"), Map.entry("rgb_val_tpl", "rgb_value_template"),
            Map.entry("set_pos_t", "set_position_topic"), Map.entry("set_pos_tpl", "set_position_template"),
            Map.entry("stat_cla", "state_class"), Map.entry("stat_clsd", "state_closed"),
            Map.entry("stat_locked", "state_locked"), Map.entry("stat_off", "state_off"),
            Map.entry("stat_on", "state_on"), Map.entry("stat_open", "state_open"),
            Map.entry("stat_t", "state_topic"), Map.entry("stat_tpl", "state_template"),
            Map.entry("stat_unlocked", "state_unlocked"), Map.entry("stat_val_tpl", "state_value_template"),
            Map.entry("sug_dsp_prc", "suggested_display_precision"),
            Map.entry("sup_clrm", "supported_color_modes"), Map.entry("t", "topic"),
            Map.entry("temp_cmd_t", "temperature_command_topic"),
            Map.entry("temp_cmd_tpl", "temperature_command_template"),
            Map.entry("temp_stat_t", "temperature_state_topic"),
            Map.entry("temp_stat_tpl", "temperature_state_template"), Map.entry("temp_unit", "temperature_unit"),
            Map.entry("uniq_id", "unique_id"), Map.entry("unit_of_meas", "unit_of_measurement"),
            Map.entry("val_tpl", "value_template"),
            Map.entry("xy_cmd_t", "xy_command_topic"), Map.entry("xy_stat_t", "xy_state_topic"),
            Map.entry("xy_val_tpl", "xy_value_template"));
}
